package io.sightline.ingest.prometheus;

import java.util.Set;

import io.helidon.http.encoding.ContentDecoder;
import io.helidon.http.encoding.ContentEncoder;
import io.helidon.http.encoding.ContentEncoding;
import io.helidon.http.encoding.ContentEncodingContext;

/**
 * Lets {@code Content-Encoding: snappy} requests through Helidon undecoded. Helidon 4.5.0 answers
 * an encoding it has no {@link ContentEncoding} for with 400; remote_write bodies are snappy
 * <em>block</em> format (not a stream), which {@link RemoteWriteService} decodes itself in one call
 * once it has the whole body, bounded by the size limit.
 */
public final class SnappyPassThrough implements ContentEncoding {
    @Override
    public Set<String> ids() {
        return Set.of("snappy");
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
        return stream -> stream;
    }

    @Override
    public ContentEncoder encoder() {
        return ContentEncoder.NO_OP;
    }

    @Override
    public String name() {
        return "snappy";
    }

    @Override
    public String type() {
        return "snappy";
    }

    /** A listener encoding context holding only this pass-through (plus Helidon's identity). */
    public static ContentEncodingContext context() {
        return ContentEncodingContext.builder()
                .contentEncodingsDiscoverServices(false)
                .addContentEncoding(new SnappyPassThrough())
                .build();
    }
}
