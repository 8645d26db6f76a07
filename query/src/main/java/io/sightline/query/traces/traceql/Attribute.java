package io.sightline.query.traces.traceql;

import java.util.Objects;

/**
 * What a comparison reads from a span: an intrinsic, or an attribute in a scope.
 *
 * @param kind the intrinsic or the attribute scope
 * @param key  the attribute key ("" for intrinsics)
 */
record Attribute(Kind kind, String key) {
    Attribute {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
    }

    enum Kind {
        /** {@code name}: the span name, a string. */
        NAME,
        /** {@code status}: error, ok or unset. */
        STATUS,
        /** {@code duration}: end minus start. */
        DURATION,
        /** {@code kind}: unspecified, internal, server, client, producer or consumer. */
        KIND,
        /** {@code span.x}: the span's own attributes. */
        SPAN,
        /** {@code resource.x}: the resource's attributes, {@code service.name} included. */
        RESOURCE,
        /** {@code .x}: the span's attribute, else the resource's (Tempo's order). */
        ANY
    }

    boolean isIntrinsic() {
        return kind == Kind.NAME || kind == Kind.STATUS || kind == Kind.DURATION || kind == Kind.KIND;
    }

    /** As written in a query: {@code span.http.method}, {@code .x}, {@code duration}. */
    String display() {
        return switch (kind) {
            case NAME -> "name";
            case STATUS -> "status";
            case DURATION -> "duration";
            case KIND -> "kind";
            case SPAN -> "span." + key;
            case RESOURCE -> "resource." + key;
            case ANY -> "." + key;
        };
    }
}
