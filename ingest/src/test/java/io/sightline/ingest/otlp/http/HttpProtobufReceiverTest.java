package io.sightline.ingest.otlp.http;

import com.google.protobuf.Message;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.sightline.ingest.Signal;
import io.sightline.ingest.Transport;
import io.sightline.ingest.otlp.SdkClient;

/** The receiver contract over OTLP/HTTP with protobuf bodies, with the OTel SDK's HTTP exporters. */
class HttpProtobufReceiverTest extends HttpReceiverContract {
    @Override
    protected Transport transport() {
        return Transport.HTTP_PROTOBUF;
    }

    @Override
    protected String contentType() {
        return "application/x-protobuf";
    }

    @Override
    protected byte[] encode(Message request) {
        return request.toByteArray();
    }

    @Override
    protected String exportSpan(boolean gzip) {
        return SdkClient.span(OtlpHttpSpanExporter.builder().setEndpoint(endpoint(Signal.TRACES))
                .setCompression(gzip ? "gzip" : "none").build());
    }

    @Override
    protected String exportLog(boolean gzip) {
        return SdkClient.log(OtlpHttpLogRecordExporter.builder().setEndpoint(endpoint(Signal.LOGS))
                .setCompression(gzip ? "gzip" : "none").build());
    }

    @Override
    protected void exportMetric(boolean gzip) {
        SdkClient.metric(OtlpHttpMetricExporter.builder().setEndpoint(endpoint(Signal.METRICS))
                .setCompression(gzip ? "gzip" : "none").build());
    }

    @Override
    protected String decodeFailure() {
        return "invalid protobuf";
    }
}
