package io.sightline.query.api.prometheus;

import java.util.List;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.sightline.query.api.GoForm;

/**
 * A request's parameters as Prometheus reads them: Go's {@code http.Request.Form} ({@link GoForm}),
 * body values first, with Prometheus's error answers for a form it cannot read. Immutable.
 */
final class RequestParameters {
    private final GoForm form;

    private RequestParameters(GoForm form) {
        this.form = form;
    }

    /**
     * Reads the query string and, for a POST form, the body (at most {@code maxFormBytes}).
     *
     * @throws ApiError 413 for a larger body, bad_data for a malformed escape
     */
    static RequestParameters read(ServerRequest request, int maxFormBytes) {
        try {
            return new RequestParameters(GoForm.read(request, maxFormBytes));
        } catch (GoForm.FormException e) {
            throw failure(e);
        }
    }

    static RequestParameters of(String encoded) {
        try {
            return new RequestParameters(GoForm.of(encoded));
        } catch (GoForm.FormException e) {
            throw failure(e);
        }
    }

    /** The first value of {@code name}, or "" when there is none (Go's {@code FormValue}). */
    String first(String name) {
        return form.first(name);
    }

    /** Every value of {@code name}, body values first; empty when there is none. */
    List<String> all(String name) {
        return form.all(name);
    }

    private static ApiError failure(GoForm.FormException e) {
        return e.tooLarge()
                ? new ApiError(ApiError.Type.BAD_DATA, Status.REQUEST_ENTITY_TOO_LARGE_413, "error parsing form values: " + e.getMessage())
                : ApiError.badData("error parsing form values: " + e.getMessage());
    }
}
