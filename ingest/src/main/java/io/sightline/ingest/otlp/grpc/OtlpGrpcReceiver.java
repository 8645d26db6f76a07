package io.sightline.ingest.otlp.grpc;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.sightline.ingest.Signal;
import io.sightline.ingest.Transport;
import io.sightline.ingest.otlp.IngestResult;
import io.sightline.ingest.otlp.IngestStatus;
import io.sightline.ingest.otlp.OtlpIngest;

/**
 * The OTLP/gRPC receiver: grpc-java's Netty server with the trace, metrics and logs export
 * services. The services are defined over raw request bytes instead of through the generated
 * {@code *ImplBase} classes, so an undecodable request (truncated, invalid UTF-8) gets
 * INVALID_ARGUMENT with a message from {@link OtlpIngest} rather than grpc's generic INTERNAL.
 * gzip-compressed requests are accepted (grpc-java's default decompressors); requests over
 * {@code ingest.max-request-bytes} get RESOURCE_EXHAUSTED from grpc itself.
 */
public final class OtlpGrpcReceiver implements Closeable {
    /** How long close() lets calls in flight finish before cancelling them. */
    private static final long SHUTDOWN_GRACE_SECONDS = 5;
    static final MethodDescriptor.Marshaller<byte[]> BYTES = RawBytesMarshaller.INSTANCE;
    private static final MethodDescriptor.Marshaller<Message> RESPONSES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(Message value) {
            return value.toByteString().newInput();
        }

        @Override
        public Message parse(InputStream stream) {
            throw new UnsupportedOperationException("the receiver only writes responses");
        }
    };

    private final OtlpGrpcConfig config;
    private final OtlpIngest ingest;
    private final Server server;

    /** A receiver not yet listening; call {@link #start()}. */
    public OtlpGrpcReceiver(OtlpGrpcConfig config, OtlpIngest ingest) {
        this.config = config;
        this.ingest = ingest;
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress(config.host(), config.port()))
                .maxInboundMessageSize(ingest.limits().maxRequestBytes())
                .addService(service(Signal.TRACES, TraceServiceGrpc.getExportMethod()))
                .addService(service(Signal.METRICS, MetricsServiceGrpc.getExportMethod()))
                .addService(service(Signal.LOGS, LogsServiceGrpc.getExportMethod()))
                .build();
    }

    /** Binds the port and starts serving. */
    public OtlpGrpcReceiver start() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for OTLP/gRPC on " + config.host() + ":" + config.port(), e);
        }
        return this;
    }

    /** The bound port (the chosen one when configured with 0); valid after {@link #start()}. */
    public int port() {
        return server.getPort();
    }

    /** Stops accepting calls, lets those in flight finish for a few seconds, then cancels the rest. */
    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS)) {
                server.shutdownNow().awaitTermination(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private ServerServiceDefinition service(Signal signal, MethodDescriptor<?, ?> generated) {
        MethodDescriptor<byte[], Message> method = MethodDescriptor.<byte[], Message>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(generated.getFullMethodName())
                .setRequestMarshaller(BYTES)
                .setResponseMarshaller(RESPONSES)
                .build();
        return ServerServiceDefinition.builder(generated.getServiceName())
                .addMethod(method, ServerCalls.asyncUnaryCall((body, observer) -> export(signal, body, observer)))
                .build();
    }

    private void export(Signal signal, byte[] body, StreamObserver<Message> observer) {
        long start = System.nanoTime();
        ingest.ingest(signal, Transport.GRPC, body, start).thenAccept(result -> answer(result, observer));
    }

    private static void answer(IngestResult result, StreamObserver<Message> observer) {
        if (result.status() == IngestStatus.OK) {
            observer.onNext(result.response());
            observer.onCompleted();
        } else {
            observer.onError(StatusProto.toStatusRuntimeException((com.google.rpc.Status) result.response()));
        }
    }
}
