package io.sightline.query.template;

/**
 * A template that does not parse or fails while executing. The message has Go's
 * {@code text/template} shape, so users see what Prometheus and Loki would show them:
 * {@code template: <name>:<line>: <problem>} for parse errors and
 * {@code template: <name>:<line>:<col>: executing "<name>" at <node>: <problem>} for execution
 * errors (the column is a 0-based UTF-8 byte offset in its line, as Go counts). Limits that are
 * exceeded are execution errors as well.
 */
public final class TemplateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean parseError;

    TemplateException(String message, boolean parseError) {
        super(message, null, false, false);
        this.parseError = parseError;
    }

    /** True when the text did not parse; false for a failure while executing. */
    public boolean isParseError() {
        return parseError;
    }
}
