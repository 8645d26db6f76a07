package io.sightline.query.api.prometheus;

import io.helidon.http.Status;
import io.sightline.query.promql.PromqlException;

/**
 * A request the API answers with {@code {"status":"error","errorType":...,"error":...}}: the error
 * type and HTTP status as Prometheus's {@code respondError} pairs them.
 */
final class ApiError extends RuntimeException {
    /** Prometheus's API error types and their statuses. */
    enum Type {
        BAD_DATA("bad_data", Status.BAD_REQUEST_400),
        EXECUTION("execution", Status.create(422, "Unprocessable Entity")),
        /** Prometheus answers a query canceled by its client with nginx's 499 since 2.x's later releases. */
        CANCELED("canceled", Status.create(499, "Client Closed Request")),
        TIMEOUT("timeout", Status.SERVICE_UNAVAILABLE_503),
        INTERNAL("internal", Status.INTERNAL_SERVER_ERROR_500),
        NOT_FOUND("not_found", Status.NOT_FOUND_404);

        final String apiName;
        final Status status;

        Type(String apiName, Status status) {
            this.apiName = apiName;
            this.status = status;
        }

        static Type of(PromqlException.ErrorType engineType) {
            return switch (engineType) {
                case BAD_DATA -> BAD_DATA;
                case EXECUTION -> EXECUTION;
                case TIMEOUT -> TIMEOUT;
                case CANCELED -> CANCELED;
            };
        }
    }

    private final Type type;
    private final Status status;

    ApiError(Type type, String message) {
        this(type, type.status, message);
    }

    /** An error whose HTTP status differs from its type's (405, 413). */
    ApiError(Type type, Status status, String message) {
        super(message, null, false, false);
        this.type = type;
        this.status = status;
    }

    static ApiError badData(String message) {
        return new ApiError(Type.BAD_DATA, message);
    }

    /** Prometheus's {@code invalidParamError}: {@code invalid parameter "step": <problem>}. */
    static ApiError invalidParameter(String name, String problem) {
        return badData("invalid parameter \"" + name + "\": " + problem);
    }

    Type type() {
        return type;
    }

    Status status() {
        return status;
    }
}
