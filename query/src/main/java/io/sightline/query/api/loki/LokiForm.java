package io.sightline.query.api.loki;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.sightline.query.api.BadRequestException;

/**
 * A request's parameters as Go's {@code http.Request.Form} holds them, which is what Loki reads: an
 * {@code application/x-www-form-urlencoded} POST body's first, then the query string's, so
 * {@link #first} prefers the body ({@code Form.Get}) and {@link #all} lists both
 * ({@code Form["match[]"]}). Decoded as Go decodes them ({@code +} is a space). Immutable.
 */
final class LokiForm {
    private static final String FORM = "application/x-www-form-urlencoded";

    private final Map<String, List<String>> values;

    private LokiForm(Map<String, List<String>> values) {
        this.values = values;
    }

    /**
     * Reads the query string and, for a POST form, the body (at most {@code maxFormBytes}).
     *
     * @throws BadRequestException for a larger body or a malformed escape
     */
    static LokiForm read(ServerRequest request, int maxFormBytes) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (request.prologue().method().equals(Method.POST) && isForm(request)) {
            decode(readBody(request, maxFormBytes), values);
        }
        decode(request.query().rawValue(), values);
        return new LokiForm(values);
    }

    /** The parameters of an encoded query string (the tail's WebSocket upgrade request). */
    static LokiForm of(String encoded) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        decode(encoded, values);
        return new LokiForm(values);
    }

    /** The first value of {@code name}, or "" when there is none (Go's {@code Form.Get}). */
    String first(String name) {
        List<String> all = values.get(name);
        return all == null ? "" : all.getFirst();
    }

    /** Every value of {@code name}, body values first; empty when there is none. */
    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    private static boolean isForm(ServerRequest request) {
        return request.headers().contentType()
                .map(type -> type.mediaType().text().toLowerCase(Locale.ROOT).equals(FORM))
                .orElse(false);
    }

    private static String readBody(ServerRequest request, int maxFormBytes) {
        try (InputStream in = request.content().inputStream()) {
            byte[] body = in.readNBytes(maxFormBytes + 1);
            if (body.length > maxFormBytes) {
                throw new BadRequestException("http: request body too large");
            }
            return new String(body, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void decode(String encoded, Map<String, List<String>> into) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                into.computeIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8), k -> new ArrayList<>())
                        .add(URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("invalid URL escape in \"" + pair + "\"");
            }
        }
    }
}
