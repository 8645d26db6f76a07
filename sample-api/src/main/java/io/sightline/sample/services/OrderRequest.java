package io.sightline.sample.services;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import io.helidon.webserver.http.ServerRequest;

/**
 * The body of {@code POST /api/orders}, {@code POST /orders} and {@code POST /inventory/reserve}:
 * {@code {"sku":"SKU-1","quantity":2}}.
 *
 * @param sku an identifier of letters, digits, {@code .}, {@code _} and {@code -}
 * @param quantity units wanted, 1 to {@link #MAX_QUANTITY}
 */
record OrderRequest(String sku, int quantity) {
    /** A bound that keeps one order from emptying a SKU's simulated stock. */
    static final int MAX_QUANTITY = 100;
    /** What a path segment may hold: ids travel in URLs unencoded. */
    static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** @throws BadRequestException naming the missing or bad field */
    static OrderRequest read(ServerRequest request) {
        Map<String, Object> body = FlatJson.parse(bodyOf(request));
        if (!(body.get("sku") instanceof String sku)) {
            throw new BadRequestException("sku must be a string like \"SKU-1\"");
        }
        requireIdentifier("sku", sku);
        if (!(body.get("quantity") instanceof BigDecimal number)) {
            throw new BadRequestException("quantity must be a whole number from 1 to " + MAX_QUANTITY);
        }
        int quantity;
        try {
            quantity = number.intValueExact();
        } catch (ArithmeticException e) {
            throw new BadRequestException("quantity must be a whole number from 1 to " + MAX_QUANTITY + ", not " + number);
        }
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            throw new BadRequestException("quantity must be a whole number from 1 to " + MAX_QUANTITY + ", not " + quantity);
        }
        return new OrderRequest(sku, quantity);
    }

    String json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sku", sku);
        out.put("quantity", quantity);
        return FlatJson.write(out);
    }

    /** @throws BadRequestException when {@code value} cannot be a SKU or order id */
    static String requireIdentifier(String field, String value) {
        if (!IDENTIFIER.matcher(value).matches()) {
            throw new BadRequestException(field + " must be 1 to 64 letters, digits, '.', '_' or '-', not '" + value + "'");
        }
        return value;
    }

    static String bodyOf(ServerRequest request) {
        return request.content().hasEntity() ? request.content().as(String.class) : "";
    }
}
