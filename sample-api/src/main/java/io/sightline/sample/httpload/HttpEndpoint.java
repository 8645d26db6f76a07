package io.sightline.sample.httpload;

import java.util.Locale;
import java.util.Objects;

/**
 * One kind of request a virtual user makes, chosen with probability {@code weight / sum of weights}.
 *
 * @param name the label in the summary table and the {@code load.endpoint} metric attribute
 * @param method the HTTP method, upper case ({@code GET}, {@code POST}, ...)
 * @param path the request target, starting with {@code /}; may hold placeholders such as
 *     {@code {sku}} (see {@link RequestTemplate} for the list)
 * @param body the request body, sent as {@code application/json}, with the same placeholders; empty
 *     = no body
 * @param weight relative frequency, at least 1
 */
public record HttpEndpoint(String name, String method, String path, String body, int weight) {

    public HttpEndpoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        body = body == null ? "" : body;
        method = method.toUpperCase(Locale.ROOT);
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (!method.matches("[A-Z]+")) {
            throw new IllegalArgumentException("method must be letters like GET or POST: " + method + of(name));
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /: " + path + of(name));
        }
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be at least 1: " + weight + of(name));
        }
        try {
            RequestTemplate.compile(path);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("path " + e.getMessage() + of(name), e);
        }
        try {
            RequestTemplate.compile(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("body " + e.getMessage() + of(name), e);
        }
    }

    /** Every validation message starts with the field's name, for the scenario file's errors. */
    private static String of(String name) {
        return " (endpoint " + name + ")";
    }

    /** A GET of {@code path} with weight 1. */
    public static HttpEndpoint get(String name, String path) {
        return new HttpEndpoint(name, "GET", path, "", 1);
    }

    public HttpEndpoint withWeight(int newWeight) {
        return new HttpEndpoint(name, method, path, body, newWeight);
    }
}
