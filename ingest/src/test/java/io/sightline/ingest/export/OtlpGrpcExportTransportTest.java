package io.sightline.ingest.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.protobuf.Any;
import com.google.rpc.RetryInfo;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCalls;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.sightline.ingest.Signal;

/**
 * {@link OtlpGrpcExportTransport} against a real local grpc-java server whose export methods answer
 * what each test scripts: OK, partial success, every failure class, deadlines, gzip, metadata, TLS.
 */
class OtlpGrpcExportTransportTest {
    private static final byte[] PAYLOAD = "an ExportTraceServiceRequest, as far as the transport knows".repeat(40).getBytes();
    private static final Metadata.Key<String> ENCODING = Metadata.Key.of("grpc-encoding", Metadata.ASCII_STRING_MARSHALLER);

    /** What the server does with a call: answer bytes, fail with an exception, or (null) never answer. */
    private final AtomicReference<Function<byte[], Object>> behaviour = new AtomicReference<>(body -> new byte[0]);
    private final AtomicReference<byte[]> receivedBody = new AtomicReference<>();
    private final AtomicReference<Metadata> receivedHeaders = new AtomicReference<>();
    private final AtomicReference<String> receivedMethod = new AtomicReference<>();
    private static TestCertificates certificates;
    private Server server;

    @BeforeAll
    static void generateCertificates() throws Exception {
        certificates = TestCertificates.shared(); // keytool is a JVM start: before the tests, not inside one
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.shutdownNow().awaitTermination();
        }
    }

    private int start(NettyServerBuilder builder) throws IOException {
        ServerInterceptor recordHeaders = new ServerInterceptor() {
            @Override
            public <Q, A> io.grpc.ServerCall.Listener<Q> interceptCall(io.grpc.ServerCall<Q, A> call, Metadata headers,
                    io.grpc.ServerCallHandler<Q, A> next) {
                receivedHeaders.set(headers);
                receivedMethod.set(call.getMethodDescriptor().getFullMethodName());
                return Contexts.interceptCall(io.grpc.Context.current(), call, headers, next);
            }
        };
        for (MethodDescriptor<?, ?> generated : new MethodDescriptor<?, ?>[] {TraceServiceGrpc.getExportMethod(),
                MetricsServiceGrpc.getExportMethod(), LogsServiceGrpc.getExportMethod()}) {
            builder.addService(ServerInterceptors.intercept(service(generated), recordHeaders));
        }
        server = builder.build().start();
        return server.getPort();
    }

    private int startPlaintext() throws IOException {
        return start(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)));
    }

    private ServerServiceDefinition service(MethodDescriptor<?, ?> generated) {
        MethodDescriptor<byte[], byte[]> method = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName(generated.getFullMethodName())
                .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
        return ServerServiceDefinition.builder(generated.getServiceName())
                .addMethod(method, ServerCalls.asyncUnaryCall((body, observer) -> {
                    receivedBody.set(body);
                    Object answer = behaviour.get().apply(body);
                    if (answer instanceof byte[] bytes) {
                        observer.onNext(bytes);
                        observer.onCompleted();
                    } else if (answer instanceof Throwable error) {
                        observer.onError(error);
                    } // null: never answer
                })).build();
    }

    private SendOutcome send(OtlpGrpcTransportConfig config) {
        try (OtlpGrpcExportTransport transport = new OtlpGrpcExportTransport(config)) {
            return transport.send(new ExportRequest(PAYLOAD, 3));
        }
    }

    private SendOutcome sendAnswering(Object answer) throws IOException {
        behaviour.set(body -> answer);
        return send(OtlpGrpcTransportConfig.plaintext("127.0.0.1", startPlaintext(), Signal.TRACES));
    }

    private static Throwable failure(Status.Code code, String message, RetryInfo retryInfo) {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder().setCode(code.value()).setMessage(message);
        if (retryInfo != null) {
            status.addDetails(Any.pack(retryInfo));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }

    private static RetryInfo retryAfter(long seconds, int nanos) {
        return RetryInfo.newBuilder()
                .setRetryDelay(com.google.protobuf.Duration.newBuilder().setSeconds(seconds).setNanos(nanos)).build();
    }

    @Test
    void okCallsTheSignalsExportWithGzipAndMetadata() throws IOException {
        behaviour.set(body -> ExportTraceServiceResponse.getDefaultInstance().toByteArray());
        int port = startPlaintext();
        SendOutcome outcome = send(OtlpGrpcTransportConfig.plaintext("127.0.0.1", port, Signal.TRACES)
                .withHeaders(Map.of("Authorization", "Bearer s3cret", "X-Scope-OrgID", "tenant-1")));

        assertThat(outcome).isEqualTo(SendOutcome.Accepted.ALL);
        assertThat(receivedMethod.get()).isEqualTo("opentelemetry.proto.collector.trace.v1.TraceService/Export");
        assertThat(receivedBody.get()).isEqualTo(PAYLOAD);
        Metadata headers = receivedHeaders.get();
        assertThat(headers.get(ENCODING)).isEqualTo("gzip");
        assertThat(headers.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER))).isEqualTo("Bearer s3cret");
        assertThat(headers.get(Metadata.Key.of("x-scope-orgid", Metadata.ASCII_STRING_MARSHALLER))).isEqualTo("tenant-1");
    }

    @Test
    void withoutGzipTheBodyTravelsUncompressed() throws IOException {
        int port = startPlaintext();
        SendOutcome outcome = send(OtlpGrpcTransportConfig.plaintext("127.0.0.1", port, Signal.LOGS).withGzip(false));
        assertThat(outcome).isEqualTo(SendOutcome.Accepted.ALL);
        assertThat(receivedMethod.get()).isEqualTo("opentelemetry.proto.collector.logs.v1.LogsService/Export");
        assertThat(receivedHeaders.get().get(ENCODING)).isNull();
        assertThat(receivedBody.get()).isEqualTo(PAYLOAD);
    }

    @Test
    void partialSuccessIsReadFromTheResponse() throws IOException {
        behaviour.set(body -> ExportMetricsServiceResponse.newBuilder().setPartialSuccess(ExportMetricsPartialSuccess
                .newBuilder().setRejectedDataPoints(4).setErrorMessage("data point 2: out of order")).build().toByteArray());
        int port = startPlaintext();
        assertThat(send(OtlpGrpcTransportConfig.plaintext("127.0.0.1", port, Signal.METRICS)))
                .isEqualTo(new SendOutcome.Accepted(4, "data point 2: out of order"));
        assertThat(receivedMethod.get()).isEqualTo("opentelemetry.proto.collector.metrics.v1.MetricsService/Export");
    }

    @Test
    void unavailableIsRetryableWithTheRetryInfoDelayWhenGiven() throws IOException {
        assertThat(sendAnswering(failure(Status.Code.UNAVAILABLE, "disk full", null)))
                .isEqualTo(new SendOutcome.Retryable("gRPC UNAVAILABLE: disk full", null));
        server.shutdownNow();
        assertThat(sendAnswering(failure(Status.Code.UNAVAILABLE, "lagging", retryAfter(2, 500_000_000))))
                .isEqualTo(new SendOutcome.Retryable("gRPC UNAVAILABLE: lagging", Duration.ofMillis(2500)));
    }

    @Test
    void resourceExhaustedIsRetryableOnlyWithRetryInfo() throws IOException {
        assertThat(sendAnswering(failure(Status.Code.RESOURCE_EXHAUSTED, "quota exceeded for good", null)))
                .isEqualTo(new SendOutcome.Rejected("gRPC RESOURCE_EXHAUSTED: quota exceeded for good"));
        server.shutdownNow();
        assertThat(sendAnswering(failure(Status.Code.RESOURCE_EXHAUSTED, "slow down", retryAfter(5, 0))))
                .isEqualTo(new SendOutcome.Retryable("gRPC RESOURCE_EXHAUSTED: slow down", Duration.ofSeconds(5)));
    }

    @Test
    void everyCodeIsClassifiedAsTheOtlpTableSays() throws IOException {
        AtomicReference<Status.Code> codeToAnswer = new AtomicReference<>();
        behaviour.set(body -> failure(codeToAnswer.get(), "m", null));
        int port = startPlaintext();
        try (OtlpGrpcExportTransport transport = new OtlpGrpcExportTransport(
                OtlpGrpcTransportConfig.plaintext("127.0.0.1", port, Signal.TRACES))) {
            for (Status.Code code : Status.Code.values()) {
                if (code == Status.Code.OK) {
                    continue;
                }
                codeToAnswer.set(code);
                boolean retryable = switch (code) {
                    case CANCELLED, DEADLINE_EXCEEDED, ABORTED, OUT_OF_RANGE, UNAVAILABLE, DATA_LOSS -> true;
                    default -> false;
                };
                SendOutcome outcome = transport.send(new ExportRequest(PAYLOAD, 1));
                assertThat(outcome).as(code.name())
                        .isInstanceOf(retryable ? SendOutcome.Retryable.class : SendOutcome.Rejected.class);
            }
        }
    }

    @Test
    void invalidArgumentIsRejectedWithTheServersMessage() throws IOException {
        assertThat(sendAnswering(failure(Status.Code.INVALID_ARGUMENT, "span 0: trace id is 15 bytes", null)))
                .isEqualTo(new SendOutcome.Rejected("gRPC INVALID_ARGUMENT: span 0: trace id is 15 bytes"));
    }

    @Test
    void aServerThatNeverAnswersHitsTheDeadline() throws IOException {
        behaviour.set(body -> null);
        int port = startPlaintext();
        long start = System.nanoTime();
        SendOutcome outcome = send(OtlpGrpcTransportConfig.plaintext("127.0.0.1", port, Signal.TRACES)
                .withTimeout(Duration.ofMillis(300)));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(outcome).isEqualTo(new SendOutcome.Retryable("timed out after 300ms calling grpc://127.0.0.1:" + port
                + "/opentelemetry.proto.collector.trace.v1.TraceService/Export (gRPC DEADLINE_EXCEEDED)", null));
    }

    @Test
    void connectionRefusedIsRetryableAndNamesTheTarget() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        assertThat(send(OtlpGrpcTransportConfig.plaintext("127.0.0.1", port, Signal.LOGS))).isEqualTo(new SendOutcome.Retryable(
                "connection refused to grpc://127.0.0.1:" + port
                        + "/opentelemetry.proto.collector.logs.v1.LogsService/Export (gRPC UNAVAILABLE)", null));
    }

    @Test
    void tlsWithTheCaFileReachesTheServer() throws Exception {
        int port = start(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .sslContext(GrpcSslContexts.forServer(certificates.certificate().toFile(), certificates.key().toFile()).build()));
        OtlpGrpcTransportConfig config = OtlpGrpcTransportConfig.tls("localhost", port, Signal.TRACES,
                ExportTls.trusting(certificates.certificate()));
        try (OtlpGrpcExportTransport transport = new OtlpGrpcExportTransport(config)) {
            assertThat(transport.target()).startsWith("grpcs://localhost:" + port + "/");
            assertThat(transport.send(new ExportRequest(PAYLOAD, 3))).isEqualTo(SendOutcome.Accepted.ALL);
        }
        assertThat(receivedBody.get()).isEqualTo(PAYLOAD);

        // without the CA the handshake fails: retryable, the server never sees the call
        receivedBody.set(null);
        SendOutcome untrusted = send(OtlpGrpcTransportConfig.tls("localhost", port, Signal.TRACES, ExportTls.DEFAULT));
        assertThat(untrusted).isInstanceOf(SendOutcome.Retryable.class);
        assertThat(receivedBody.get()).isNull();
    }

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = io.sightline.ingest.otlp.grpc.RawBytesMarshaller.INSTANCE;
}
