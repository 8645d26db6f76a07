package io.sightline.ingest.export;

import java.net.URI;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.sightline.ingest.Signal;
import io.sightline.storage.wal.WriteAheadLog;

/**
 * An exporter's parts per signal: the encoder for its protocol and the transport to its endpoint;
 * {@link #build} makes the running {@link Exporters} of a configuration. Stateless.
 */
public final class ExporterFactory {
    private ExporterFactory() {
    }

    /**
     * The exporters of {@code configs}, running, with their figures in {@code registry}.
     *
     * @param maxLineBytes longest log line sent to Loki (the store's {@code logs.max-line-bytes})
     */
    public static Exporters build(List<ExporterConfig> configs, Map<Signal, WriteAheadLog> wals, Path positions,
            int maxLineBytes, PrometheusRegistry registry, InstantSource clock) {
        return new Exporters(wals, positions, maxLineBytes, registry, clock).apply(configs);
    }

    static BatchEncoder encoder(ExporterConfig config, Signal signal, int maxLineBytes) {
        return switch (config.protocol()) {
            case OTLP_GRPC, OTLP_HTTP -> signal == Signal.METRICS ? new OtlpMetricsEncoder(config.filter())
                    : new OtlpSignalEncoder(signal, config.filter());
            case REMOTE_WRITE -> new RemoteWriteEncoder(config.shards(), config.externalLabels(), config.filter(),
                    config.sendMetadata());
            case LOKI -> new LokiPushEncoder(config.filter(), maxLineBytes);
        };
    }

    static ExportTransport transport(ExporterConfig config, Signal signal, InstantSource clock) {
        URI endpoint = config.endpoint();
        return switch (config.protocol()) {
            case OTLP_GRPC -> {
                boolean plaintext = endpoint.getScheme().equals("http");
                int port = endpoint.getPort() > 0 ? endpoint.getPort() : plaintext ? 80 : 443;
                OtlpGrpcTransportConfig grpc = plaintext ? OtlpGrpcTransportConfig.plaintext(endpoint.getHost(), port, signal)
                        : OtlpGrpcTransportConfig.tls(endpoint.getHost(), port, signal, config.tls());
                yield new OtlpGrpcExportTransport(grpc.withGzip(config.gzip()).withHeaders(config.headers())
                        .withTimeout(config.timeout()));
            }
            case OTLP_HTTP -> http(HttpTransportConfig.otlp(otlpSignalUrl(endpoint, signal), signal)
                    .withCoding(config.gzip() ? BodyCoding.GZIP : BodyCoding.IDENTITY), config, clock);
            case REMOTE_WRITE -> http(HttpTransportConfig.remoteWrite(endpoint), config, clock);
            case LOKI -> http(HttpTransportConfig.lokiPush(endpoint), config, clock);
        };
    }

    private static ExportTransport http(HttpTransportConfig preset, ExporterConfig config, InstantSource clock) {
        return new HttpExportTransport(preset.withHeaders(config.headers()).withTimeout(config.timeout()).withTls(config.tls()),
                clock);
    }

    /** The OTLP/HTTP URL of a signal: the base endpoint with {@code v1/<signal>} appended, as OTEL_EXPORTER_OTLP_ENDPOINT. */
    static URI otlpSignalUrl(URI base, Signal signal) {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text : text + "/") + "v1/" + signal.walName());
    }
}
