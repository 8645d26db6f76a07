package io.sightline.ingest;

/** The three OTLP signals. Each has its own write-ahead log, named {@link #walName()}. */
public enum Signal {
    LOGS("logs", "log record", "log records"),
    METRICS("metrics", "data point", "data points"),
    TRACES("traces", "span", "spans");

    private final String walName;
    private final String item;
    private final String items;

    Signal(String walName, String item, String items) {
        this.walName = walName;
        this.item = item;
        this.items = items;
    }

    /** Name of the signal's WAL, also its metric label value: "logs", "metrics" or "traces". */
    public String walName() {
        return walName;
    }

    /** What one accepted or rejected item of this signal is called in messages ("span"). */
    public String item() {
        return item;
    }

    /** The plural of {@link #item()}. */
    public String items() {
        return items;
    }
}
