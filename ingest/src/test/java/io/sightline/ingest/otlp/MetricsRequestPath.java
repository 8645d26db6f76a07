package io.sightline.ingest.otlp;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.sightline.ingest.IngestLimits;
import io.sightline.ingest.Signal;
import io.sightline.ingest.Transport;

/**
 * What {@link OtlpIngest} does to an OTLP/HTTP protobuf metrics body before mapping it (parse,
 * validate), opened for {@code MetricsIngestBenchmark} in another package. Not thread-safe.
 */
public final class MetricsRequestPath {
    private final OtlpValidator validator;

    public MetricsRequestPath(IngestLimits limits) {
        this.validator = new OtlpValidator(limits);
    }

    /** The accepted part of the request, as {@link OtlpIngest} hands it to the mapper. */
    public ExportMetricsServiceRequest decodeAndValidate(byte[] body) {
        ExportMetricsServiceRequest request = (ExportMetricsServiceRequest) OtlpIngest.decode(
                Signal.METRICS, Transport.HTTP_PROTOBUF, body);
        return (ExportMetricsServiceRequest) validator.metrics(request).accepted();
    }
}
