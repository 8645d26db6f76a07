package io.sightline.ingest.otlp.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.rpc.RetryInfo;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.sightline.ingest.Signal;
import io.sightline.ingest.Transport;
import io.sightline.ingest.otlp.IngestFixture;
import io.sightline.ingest.otlp.IngestStatus;
import io.sightline.ingest.otlp.OtlpReceiverContract;
import io.sightline.ingest.otlp.Reply;
import io.sightline.ingest.otlp.SdkClient;
import io.sightline.ingest.otlp.TestRequests;
import org.junit.jupiter.api.Test;

/** The receiver contract over OTLP/gRPC, with the OTel SDK's gRPC exporters and a raw-bytes client. */
class OtlpGrpcReceiverTest extends OtlpReceiverContract {
    private static final MethodDescriptor.Marshaller<byte[]> BYTES = OtlpGrpcReceiver.BYTES;

    private OtlpGrpcReceiver receiver;
    private ManagedChannel channel;

    @Override
    protected Transport transport() {
        return Transport.GRPC;
    }

    @Override
    protected void start(IngestFixture fixture) {
        receiver = new OtlpGrpcReceiver(new OtlpGrpcConfig("127.0.0.1", 0), fixture.ingest).start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", receiver.port()).usePlaintext()
                .maxInboundMessageSize(64 * 1024 * 1024).build();
    }

    @Override
    protected void stop() {
        channel.shutdownNow();
        receiver.close();
    }

    private String endpoint() {
        return "http://127.0.0.1:" + receiver.port();
    }

    @Override
    protected byte[] encode(Message request) {
        return request.toByteArray();
    }

    @Override
    protected Reply sendBody(Signal signal, byte[] body) {
        MethodDescriptor<?, ?> generated = switch (signal) {
            case LOGS -> LogsServiceGrpc.getExportMethod();
            case METRICS -> MetricsServiceGrpc.getExportMethod();
            case TRACES -> TraceServiceGrpc.getExportMethod();
        };
        MethodDescriptor<byte[], byte[]> method = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName(generated.getFullMethodName())
                .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
        try {
            byte[] response = ClientCalls.blockingUnaryCall(channel, method,
                    CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS), body);
            return switch (signal) {
                case LOGS -> {
                    var partial = ExportLogsServiceResponse.parseFrom(response).getPartialSuccess();
                    yield new Reply(IngestStatus.OK, partial.getRejectedLogRecords(), partial.getErrorMessage(), 0);
                }
                case METRICS -> {
                    var partial = ExportMetricsServiceResponse.parseFrom(response).getPartialSuccess();
                    yield new Reply(IngestStatus.OK, partial.getRejectedDataPoints(), partial.getErrorMessage(), 0);
                }
                case TRACES -> {
                    var partial = ExportTraceServiceResponse.parseFrom(response).getPartialSuccess();
                    yield new Reply(IngestStatus.OK, partial.getRejectedSpans(), partial.getErrorMessage(), 0);
                }
            };
        } catch (StatusRuntimeException e) {
            return reply(e);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("unreadable response", e);
        }
    }

    private static Reply reply(StatusRuntimeException e) {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        long retry = 0;
        if (status != null) {
            for (Any detail : status.getDetailsList()) {
                if (detail.is(RetryInfo.class)) {
                    try {
                        retry = detail.unpack(RetryInfo.class).getRetryDelay().getSeconds();
                    } catch (InvalidProtocolBufferException bad) {
                        throw new AssertionError(bad);
                    }
                }
            }
        }
        IngestStatus mapped = switch (e.getStatus().getCode()) {
            case INVALID_ARGUMENT -> IngestStatus.INVALID;
            case RESOURCE_EXHAUSTED -> retry > 0 ? IngestStatus.OVERLOADED : IngestStatus.TOO_LARGE;
            case UNAVAILABLE -> IngestStatus.UNAVAILABLE;
            default -> IngestStatus.INTERNAL;
        };
        String message = e.getStatus().getDescription() == null ? "" : e.getStatus().getDescription();
        return new Reply(mapped, 0, message, retry);
    }

    @Override
    protected String exportSpan(boolean gzip) {
        return SdkClient.span(OtlpGrpcSpanExporter.builder().setEndpoint(endpoint())
                .setCompression(gzip ? "gzip" : "none").build());
    }

    @Override
    protected String exportLog(boolean gzip) {
        return SdkClient.log(OtlpGrpcLogRecordExporter.builder().setEndpoint(endpoint())
                .setCompression(gzip ? "gzip" : "none").build());
    }

    @Override
    protected void exportMetric(boolean gzip) {
        SdkClient.metric(OtlpGrpcMetricExporter.builder().setEndpoint(endpoint())
                .setCompression(gzip ? "gzip" : "none").build());
    }

    @Override
    protected String decodeFailure() {
        return "invalid protobuf";
    }

    @Test
    void theGeneratedStubGetsPartialSuccess() {
        ExportTraceServiceResponse partial = TraceServiceGrpc.newBlockingStub(channel)
                .export(TestRequests.traces(TestRequests.goodSpan("ok"),
                        TestRequests.span("bad", TestRequests.id(16, 0), com.google.protobuf.ByteString.EMPTY)));
        assertThat(partial.getPartialSuccess().getRejectedSpans()).isEqualTo(1);
        assertThat(partial.getPartialSuccess().getErrorMessage()).isEqualTo("span 1: span id is missing");
    }
}
