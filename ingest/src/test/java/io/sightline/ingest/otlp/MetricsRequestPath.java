package io.sightline.ingest.otlp;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.sightline.ingest.IngestLimits;
import io.sightline.ingest.Signal;
import io.sightline.ingest.Transport;
import io.sightline.ingest.prometheus.SampleBatch;
import io.sightline.ingest.prometheus.SampleRejections;

/**
 * What {@link OtlpIngest} does to an OTLP/HTTP protobuf metrics body before admission (check or
 * parse, validate, map), opened for {@code MetricsIngestBenchmark} in another package; also the
 * full-parse path alone, which the wire reader replaced for valid requests. Not thread-safe.
 */
public final class MetricsRequestPath {
    private final IngestLimits limits;
    private final OtlpValidator validator;

    public MetricsRequestPath(IngestLimits limits) {
        this.limits = limits;
        this.validator = new OtlpValidator(limits);
    }

    /** The accepted part of the request, parsed by protobuf-java and validated (the full path). */
    public ExportMetricsServiceRequest decodeAndValidate(byte[] body) {
        ExportMetricsServiceRequest request = (ExportMetricsServiceRequest) OtlpIngest.decode(
                Signal.METRICS, Transport.HTTP_PROTOBUF, body);
        return (ExportMetricsServiceRequest) validator.metrics(request).accepted();
    }

    /** The receiver's path: the wire check and reader when the body is all valid, else the full path. */
    public void map(byte[] body, OtlpMetricsMapper mapper, SampleBatch out, SampleRejections rejections) {
        OtlpIngest.mapMetrics(OtlpIngest.validatedMetrics(body, limits, validator), mapper, out, rejections);
    }
}
