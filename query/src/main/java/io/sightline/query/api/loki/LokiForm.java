package io.sightline.query.api.loki;

import java.util.List;

import io.helidon.webserver.http.ServerRequest;
import io.sightline.query.api.BadRequestException;
import io.sightline.query.api.GoForm;

/**
 * A request's parameters as Loki reads them: Go's {@code http.Request.Form} ({@link GoForm}), body
 * values first, with Loki's plain-text 400 for a form it cannot read. Immutable.
 */
final class LokiForm {
    private final GoForm form;

    private LokiForm(GoForm form) {
        this.form = form;
    }

    /**
     * Reads the query string and, for a POST form, the body (at most {@code maxFormBytes}).
     *
     * @throws BadRequestException for a larger body or a malformed escape
     */
    static LokiForm read(ServerRequest request, int maxFormBytes) {
        try {
            return new LokiForm(GoForm.read(request, maxFormBytes));
        } catch (GoForm.FormException e) {
            throw new BadRequestException(e.tooLarge() ? "http: request body too large" : e.getMessage());
        }
    }

    /** The parameters of an encoded query string (the tail's WebSocket upgrade request). */
    static LokiForm of(String encoded) {
        try {
            return new LokiForm(GoForm.of(encoded));
        } catch (GoForm.FormException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    /** The first value of {@code name}, or "" when there is none (Go's {@code Form.Get}). */
    String first(String name) {
        return form.first(name);
    }

    /** Every value of {@code name}, body values first; empty when there is none. */
    List<String> all(String name) {
        return form.all(name);
    }
}
