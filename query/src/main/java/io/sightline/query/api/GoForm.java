package io.sightline.query.api;

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

/**
 * A request's parameters as Go's {@code http.Request.Form} holds them, which is what Prometheus and
 * Loki read: an {@code application/x-www-form-urlencoded} POST body's first, then the query string's,
 * so {@link #first} prefers the body ({@code FormValue}) and {@link #all} lists both
 * ({@code Form["match[]"]}). Decoded as Go decodes them ({@code +} is a space). Each API turns the
 * two failures into its own error answer. Immutable.
 */
public final class GoForm {
    private static final String FORM = "application/x-www-form-urlencoded";

    private final Map<String, List<String>> values;

    private GoForm(Map<String, List<String>> values) {
        this.values = values;
    }

    /** Why a form could not be read. */
    public static final class FormException extends RuntimeException {
        private final boolean tooLarge;

        FormException(String message, boolean tooLarge) {
            super(message);
            this.tooLarge = tooLarge;
        }

        /** A POST body over the bound (else: a malformed escape). */
        public boolean tooLarge() {
            return tooLarge;
        }
    }

    /**
     * Reads the query string and, for a POST form, the body (at most {@code maxFormBytes}).
     *
     * @throws FormException for a larger body ("request body larger than N bytes") or a malformed
     *                       escape ("invalid URL escape in ...")
     */
    public static GoForm read(ServerRequest request, int maxFormBytes) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (request.prologue().method().equals(Method.POST) && isForm(request)) {
            decode(readBody(request, maxFormBytes), values);
        }
        decode(request.query().rawValue(), values);
        return new GoForm(values);
    }

    /** The parameters of an encoded query string. */
    public static GoForm of(String encoded) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        decode(encoded, values);
        return new GoForm(values);
    }

    /** The first value of {@code name}, or "" when there is none. */
    public String first(String name) {
        List<String> all = values.get(name);
        return all == null ? "" : all.getFirst();
    }

    /** Every value of {@code name}, body values first; empty when there is none. */
    public List<String> all(String name) {
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
                throw new FormException("request body larger than " + maxFormBytes + " bytes", true);
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
                throw new FormException("invalid URL escape in \"" + pair + "\"", false);
            }
        }
    }
}
