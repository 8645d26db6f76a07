package io.sightline.ingest.export;

import java.net.URI;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.sightline.ingest.Signal;
import io.sightline.storage.wal.WriteAheadLog;

/**
 * Builds the running exporters from their configuration: per exporter and signal an encoder for
 * the protocol, a transport to the endpoint, the position file
 * {@code <positions>/<exporter>/<signal>.position} and a {@link SignalExporter} on the signal's WAL.
 * Stateless.
 */
public final class ExporterFactory {
    private ExporterFactory() {
    }

    /**
     * The exporters of {@code configs}, not yet started, with their figures in {@code registry}.
     *
     * @param maxLineBytes longest log line sent to Loki (the store's {@code logs.max-line-bytes})
     */
    public static Exporters build(List<ExporterConfig> configs, Map<Signal, WriteAheadLog> wals, Path positions,
            int maxLineBytes, PrometheusRegistry registry, InstantSource clock) {
        Exporters exporters = new Exporters();
        if (configs.isEmpty()) {
            return exporters;
        }
        ExportMetrics metrics = new ExportMetrics(registry, exporters);
        List<ExportTransport> opened = new ArrayList<>();
        try {
            for (ExporterConfig config : configs) {
                for (Signal signal : Signal.values()) {
                    if (!config.signals().contains(signal)) {
                        continue;
                    }
                    WriteAheadLog wal = wals.get(signal);
                    ExportTransport transport = transport(config, signal, clock);
                    opened.add(transport);
                    ExportPosition position = ExportPosition.open(
                            positions.resolve(config.name()).resolve(signal.walName() + ".position"), wal.lastIndex());
                    exporters.add(new SignalExporter(config.name(), signal, wal, encoder(config, signal, maxLineBytes),
                            transport, position, config.batch(), config.retry(), config.backlog(), metrics, clock,
                            new Random()));
                }
            }
        } catch (RuntimeException e) {
            opened.forEach(ExportTransport::close);
            throw e;
        }
        return exporters;
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
