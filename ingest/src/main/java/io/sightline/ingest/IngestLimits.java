package io.sightline.ingest;

/**
 * Bounds every receiver applies before acknowledging a request.
 *
 * @param maxRequestBytes        largest request body, after decompression, in bytes
 *                               ({@code ingest.max-request-bytes}); larger bodies are refused whole
 *                               with HTTP 413 / gRPC RESOURCE_EXHAUSTED
 * @param maxAttributes          most attributes on one resource, scope, item, span event or link
 *                               ({@code ingest.max-attributes}); items beyond it are rejected
 * @param maxAttributeValueBytes longest attribute value in bytes: UTF-8 bytes of a string, the bytes
 *                               of a bytes value, the sum of the leaves of an array or key-value list
 *                               ({@code ingest.max-attribute-value-bytes})
 */
public record IngestLimits(int maxRequestBytes, int maxAttributes, int maxAttributeValueBytes) {
    /** 16 MiB: four times the OTel SDK's default batch of 512 spans with generous attributes. */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 16 * 1024 * 1024;
    /** 128: the OTel SDK's own default attribute count limit. */
    public static final int DEFAULT_MAX_ATTRIBUTES = 128;
    /** 64 KiB: room for stack traces and SQL statements, not for file uploads. */
    public static final int DEFAULT_MAX_ATTRIBUTE_VALUE_BYTES = 64 * 1024;

    public IngestLimits {
        if (maxRequestBytes <= 0) {
            throw new IllegalArgumentException("ingest.max-request-bytes must be > 0, was " + maxRequestBytes);
        }
        if (maxAttributes <= 0) {
            throw new IllegalArgumentException("ingest.max-attributes must be > 0, was " + maxAttributes);
        }
        if (maxAttributeValueBytes <= 0) {
            throw new IllegalArgumentException(
                    "ingest.max-attribute-value-bytes must be > 0, was " + maxAttributeValueBytes);
        }
    }

    /** 16 MiB requests, 128 attributes, 64 KiB attribute values. */
    public static IngestLimits defaults() {
        return new IngestLimits(DEFAULT_MAX_REQUEST_BYTES, DEFAULT_MAX_ATTRIBUTES, DEFAULT_MAX_ATTRIBUTE_VALUE_BYTES);
    }
}
