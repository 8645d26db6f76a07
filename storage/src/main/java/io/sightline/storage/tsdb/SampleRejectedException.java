package io.sightline.storage.tsdb;

/** A sample the TSDB refused; the message names the series, the time and the reason. */
public final class SampleRejectedException extends RuntimeException {
    public enum Reason {
        OUT_OF_ORDER, OUT_OF_BOUNDS, DUPLICATE_TIMESTAMP, TOO_MANY_SERIES, TOO_MANY_SERIES_PER_METRIC,
        LABEL_LIMIT
    }

    private final Reason reason;

    public SampleRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
