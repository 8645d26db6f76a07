package io.sightline.query.alerting.notify;

/**
 * An answer other than success from {@link AlertmanagerApi}: the HTTP status and the JSON body
 * Alertmanager writes for it (a JSON string for its handlers' errors, {@code {"code","message"}} for
 * go-openapi's validation errors).
 */
final class AlertmanagerApiError extends RuntimeException {
    final int status;
    final String body;

    private AlertmanagerApiError(int status, String body) {
        super(body, null, false, false);
        this.status = status;
        this.body = body;
    }

    /** A handler's error: {@code "text"}. */
    static AlertmanagerApiError message(int status, String text) {
        return new AlertmanagerApiError(status, AlertmanagerApiJson.message(text));
    }

    /** go-openapi's 422 with its error code (601 bad format, 602 required, 612 too few items). */
    static AlertmanagerApiError validation(int code, String text) {
        return new AlertmanagerApiError(422, AlertmanagerApiJson.validationError(code, text));
    }

    /** go-openapi's 400 for a body that is not JSON. */
    static AlertmanagerApiError badJson(String what, String why) {
        return new AlertmanagerApiError(400, AlertmanagerApiJson.validationError(400,
                "parsing " + what + " body from \"\" failed, because " + why));
    }
}
