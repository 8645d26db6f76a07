package io.sightline.ingest.otlp.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import io.helidon.http.encoding.ContentDecoder;
import io.helidon.http.encoding.ContentEncoder;
import io.helidon.http.encoding.ContentEncoding;
import io.helidon.http.encoding.ContentEncodingContext;

/**
 * Decodes {@code Content-Encoding: gzip} request bodies for Helidon. Helidon 4.5.0 answers such
 * requests with 400 unless a gzip {@link ContentEncoding} is registered on the listener, and its own
 * {@code helidon-http-encoding-gzip} module is not available at 4.5.0; this one decodes only
 * (responses stay uncompressed: deflate costs more CPU than the small OTLP responses save). The
 * decoded size is bounded by the reader ({@code ingest.max-request-bytes}), not here.
 */
public final class GzipContentEncoding implements ContentEncoding {
    @Override
    public Set<String> ids() {
        return Set.of("gzip", "x-gzip");
    }

    @Override
    public boolean supportsEncoding() {
        return false;
    }

    @Override
    public boolean supportsDecoding() {
        return true;
    }

    @Override
    public ContentDecoder decoder() {
        return LazyGzipInputStream::new;
    }

    @Override
    public ContentEncoder encoder() {
        return ContentEncoder.NO_OP;
    }

    @Override
    public String name() {
        return "gzip";
    }

    @Override
    public String type() {
        return "gzip";
    }

    /** A listener encoding context with this decoder (and Helidon's implicit identity). */
    static ContentEncodingContext context() {
        return ContentEncodingContext.builder()
                .contentEncodingsDiscoverServices(false)
                .addContentEncoding(new GzipContentEncoding())
                .build();
    }

    /**
     * Opens the gzip stream on first read: {@link GZIPInputStream}'s constructor reads the header, and
     * a bad header must surface while the handler reads the body (as an IOException it can answer
     * with 400), not while Helidon sets up the request.
     */
    private static final class LazyGzipInputStream extends InputStream {
        private final InputStream compressed;
        private InputStream decompressed;

        LazyGzipInputStream(InputStream compressed) {
            this.compressed = compressed;
        }

        @Override
        public int read() throws IOException {
            return open().read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return open().read(buffer, offset, length);
        }

        @Override
        public void close() throws IOException {
            if (decompressed != null) {
                decompressed.close();
            } else {
                compressed.close();
            }
        }

        private InputStream open() throws IOException {
            if (decompressed == null) {
                try {
                    decompressed = new GZIPInputStream(compressed, 8192);
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }
            return decompressed;
        }
    }
}
