package io.sightline.ingest.scrape;

import java.util.Locale;

/** The two text formats a target may answer with, chosen by its {@code Content-Type}. */
public enum ExpositionFormat {
    /** Prometheus text format 0.0.4: {@code text/plain; version=0.0.4} (and anything unrecognised, as Prometheus does). */
    PROMETHEUS_TEXT,
    /** OpenMetrics 1.0 text: {@code application/openmetrics-text}. */
    OPENMETRICS;

    /** The {@code Accept} header a scrape sends: OpenMetrics preferred, then the 0.0.4 text format. */
    public static final String ACCEPT =
            "application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.4,*/*;q=0.1";

    /** The format of a page with this {@code Content-Type} (null: the text format). */
    public static ExpositionFormat of(String contentType) {
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).strip().startsWith("application/openmetrics-text")) {
            return OPENMETRICS;
        }
        return PROMETHEUS_TEXT;
    }
}
