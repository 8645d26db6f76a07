package io.sightline.ingest.export;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.CompressorRegistry;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.sightline.ingest.otlp.grpc.RawBytesMarshaller;

/**
 * Sends OTLP export requests over gRPC: one grpc-java {@link ManagedChannel} (Netty, one HTTP/2
 * connection multiplexing concurrent calls) per transport, calling the signal's unary
 * {@code Export} method. The request is already the serialised {@code Export*ServiceRequest}, so
 * the method is declared over raw bytes both ways (as {@code OtlpGrpcReceiver} does server-side);
 * the response bytes are read only for {@code partial_success}. Failures are classified by
 * {@link GrpcAnswers}. The channel's own retries are off: the exporter decides about retrying.
 *
 * <p>Thread-safe; {@link #send} blocks its caller (a virtual thread parks cheaply).
 */
public final class OtlpGrpcExportTransport implements ExportTransport {
    /** How long {@link #close()} lets calls in flight finish before cancelling them, then waits again. */
    private static final long CLOSE_GRACE_MILLIS = 1000;
    private static final MethodDescriptor.Marshaller<byte[]> BYTES = RawBytesMarshaller.INSTANCE;
    /** gRPC's registry with "gzip" at the fastest level ({@link FastGzip}). */
    private static final CompressorRegistry FAST_GZIP = CompressorRegistry.newEmptyInstance();

    static {
        FAST_GZIP.register(FastGzip.INSTANCE);
        FAST_GZIP.register(io.grpc.Codec.Identity.NONE);
    }

    private final OtlpGrpcTransportConfig config;
    private final MethodDescriptor<byte[], byte[]> method;
    private final ManagedChannel channel;
    private final Channel withHeaders;
    private final String target;

    /** @throws IllegalArgumentException (or {@link UncheckedIOException}) for unreadable TLS files */
    public OtlpGrpcExportTransport(OtlpGrpcTransportConfig config) {
        this.config = config;
        MethodDescriptor<?, ?> generated = switch (config.signal()) {
            case TRACES -> TraceServiceGrpc.getExportMethod();
            case METRICS -> MetricsServiceGrpc.getExportMethod();
            case LOGS -> LogsServiceGrpc.getExportMethod();
        };
        this.method = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(generated.getFullMethodName())
                .setRequestMarshaller(BYTES)
                .setResponseMarshaller(BYTES)
                .build();
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(config.host(), config.port())
                .maxInboundMessageSize(config.maxResponseBytes())
                .userAgent(HttpTransportConfig.USER_AGENT)
                .compressorRegistry(FAST_GZIP)
                .disableRetry();
        if (config.plaintext()) {
            builder.usePlaintext();
        } else {
            builder.sslContext(TlsContexts.grpc(config.tls()));
        }
        this.channel = builder.build();
        Metadata metadata = new Metadata();
        for (Map.Entry<String, String> header : config.headers().entrySet()) {
            metadata.put(Metadata.Key.of(header.getKey(), Metadata.ASCII_STRING_MARSHALLER), header.getValue());
        }
        this.withHeaders = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(metadata));
        this.target = (config.plaintext() ? "grpc://" : "grpcs://") + hostPort(config.host(), config.port()) + "/"
                + generated.getFullMethodName();
    }

    @Override
    public SendOutcome send(ExportRequest request) {
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(config.timeout().toNanos(), TimeUnit.NANOSECONDS);
        if (config.gzip()) {
            options = options.withCompression("gzip");
        }
        try {
            byte[] response = ClientCalls.blockingUnaryCall(withHeaders, method, options, request.bytes());
            return OtlpResponses.accepted(config.signal(), response);
        } catch (RuntimeException e) {
            // StatusRuntimeException normally; anything else grpc throws is classified by its status (UNKNOWN)
            return GrpcAnswers.classify(e, config.timeout(), target);
        }
    }

    @Override
    public String target() {
        return target;
    }

    /** Lets calls in flight finish briefly, then cancels them and closes the connection. */
    @Override
    public void close() {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                channel.shutdownNow().awaitTermination(CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
