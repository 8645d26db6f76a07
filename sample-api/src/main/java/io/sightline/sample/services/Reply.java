package io.sightline.sample.services;

import java.util.Map;

/**
 * What a route handler answers: a status and a JSON body. Handlers return it rather than writing
 * the response themselves, so {@link InstrumentedRoutes} knows the status for the span, the
 * metric and the log record before anything is sent.
 *
 * @param status HTTP status code
 * @param json the body, a JSON object
 */
record Reply(int status, String json) {

    static Reply of(int status, Map<String, ?> fields) {
        return new Reply(status, FlatJson.write(fields));
    }

    /** {@code {"error": message}}. */
    static Reply error(int status, String message) {
        return of(status, Map.of("error", message == null ? "" : message));
    }
}
