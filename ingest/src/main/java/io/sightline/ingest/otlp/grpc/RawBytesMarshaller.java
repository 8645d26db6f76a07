package io.sightline.ingest.otlp.grpc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.grpc.MethodDescriptor;

/**
 * A gRPC message as its serialised bytes: the receiver decodes requests itself (so decoding errors
 * are worded as OTLP asks), and the OTLP exporter sends WAL bytes that are already the request.
 * Thread-safe (stateless).
 */
public final class RawBytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {
    public static final RawBytesMarshaller INSTANCE = new RawBytesMarshaller();

    private RawBytesMarshaller() {
    }

    @Override
    public InputStream stream(byte[] value) {
        return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
        try {
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
