package io.sightline.ingest.export;

/**
 * How a request body is compressed on the wire, and the {@code Content-Encoding} that says so;
 * {@link BodyEncoder} does it.
 */
public enum BodyCoding {
    /** As it is; no {@code Content-Encoding}. */
    IDENTITY(null),
    /** gzip at the fastest level (see {@link FastGzip}); OTLP/HTTP and Loki accept it. */
    GZIP("gzip"),
    /**
     * Snappy <em>block</em> format (not the framed stream format): what remote_write requires and
     * Loki's protobuf push expects.
     */
    SNAPPY("snappy");

    private final String contentEncoding;

    BodyCoding(String contentEncoding) {
        this.contentEncoding = contentEncoding;
    }

    /** The {@code Content-Encoding} header value, or null for {@link #IDENTITY}. */
    public String contentEncoding() {
        return contentEncoding;
    }
}
