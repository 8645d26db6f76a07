package io.sightline.query.promql;

/**
 * A query that could not be answered. {@link #errorType()} says which Prometheus API error type the
 * HTTP layer should answer with; the message is meant for the user, worded as Prometheus words it.
 */
public class PromqlException extends RuntimeException {
    /** Prometheus's API error types, as sent in {@code "errorType"}. */
    public enum ErrorType {
        /** The query or its parameters are invalid (HTTP 400). */
        BAD_DATA("bad_data"),
        /** Evaluation failed, e.g. many-to-many matching or too many samples (HTTP 422). */
        EXECUTION("execution"),
        /** The query ran past its deadline (HTTP 503). */
        TIMEOUT("timeout"),
        /** The evaluating thread was interrupted (HTTP 503). */
        CANCELED("canceled");

        private final String apiName;

        ErrorType(String apiName) {
            this.apiName = apiName;
        }

        /** The name Prometheus's API uses. */
        public String apiName() {
            return apiName;
        }
    }

    private final ErrorType errorType;

    public PromqlException(ErrorType errorType, String message) {
        super(message);
        this.errorType = errorType;
    }

    public ErrorType errorType() {
        return errorType;
    }
}
