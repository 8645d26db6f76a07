package io.sightline.ingest.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import io.airlift.compress.snappy.SnappyCompressor;

/** How a request body is compressed on the wire, and the {@code Content-Encoding} that says so. */
public enum BodyCoding {
    /** As it is; no {@code Content-Encoding}. */
    IDENTITY(null),
    /** gzip ({@code java.util.zip}); OTLP/HTTP and Loki accept it. */
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

    /** {@code body} encoded; thread-safe (a compressor per call: aircompressor's keeps a hash table). */
    byte[] encode(byte[] body) {
        return switch (this) {
            case IDENTITY -> body;
            case GZIP -> gzip(body);
            case SNAPPY -> snappy(body);
        };
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream gzip = FastGzip.stream(out)) {
            gzip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip into memory failed", e);
        }
        return out.toByteArray();
    }

    private static byte[] snappy(byte[] body) {
        SnappyCompressor compressor = new SnappyCompressor();
        byte[] out = new byte[compressor.maxCompressedLength(body.length)];
        int length = compressor.compress(body, 0, body.length, out, 0, out.length);
        return Arrays.copyOf(out, length);
    }
}
