package io.sightline.query.template;

/**
 * What a field of a map that has no such key yields ({@code {{.absent}}}), as Go's
 * {@code missingkey} option.
 */
public enum MissingKey {
    /**
     * Go's default for a {@code map[string]interface{}}: "no value", printed as {@code <no value>},
     * false in {@code if}, and not equal to any value in {@code eq}.
     */
    NO_VALUE,
    /**
     * The empty string: what Loki's {@code line_format} and Prometheus's rule templates see, since
     * they run with {@code missingkey=zero} over {@code map[string]string} labels.
     */
    EMPTY_STRING,
    /** Execution fails with {@code map has no entry for key "absent"} ({@code missingkey=error}). */
    ERROR
}
