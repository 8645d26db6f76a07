package io.sightline.ingest.export;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.sightline.ingest.Signal;
import io.sightline.storage.tsdb.Labels;

/**
 * One exporter as configured in the exporters file ({@link ExporterConfigReader}).
 *
 * @param name           unique; names its positions, metrics and log lines
 * @param protocol       the wire protocol
 * @param endpoint       OTLP/gRPC: {@code http(s)://host:port}; OTLP/HTTP: the base URL,
 *                       {@code /v1/<signal>} appended; remote_write and Loki: the full URL
 * @param signals        signals forwarded (a subset of the protocol's)
 * @param headers        sent with every request (auth, tenant)
 * @param gzip           OTLP bodies gzip-compressed (remote_write and Loki are always snappy)
 * @param timeout        longest wait for one request's answer
 * @param tls            trust and client certificate for https endpoints
 * @param filter         services and trace sampling
 * @param batch          when a batch is sent
 * @param retry          backoff between attempts
 * @param backlog        how far behind the exporter may fall before dropping the oldest data
 * @param shards         remote_write: parallel senders (a series always in the same one)
 * @param externalLabels remote_write: labels added to every series that lacks them
 * @param sendMetadata   remote_write: metric metadata (type, help, unit) sent with the samples
 */
public record ExporterConfig(String name, ExportProtocol protocol, URI endpoint, Set<Signal> signals,
                             Map<String, String> headers, boolean gzip, Duration timeout, ExportTls tls, ExportFilter filter,
                             BatchLimits batch, RetryPolicy retry, BacklogBound backlog, int shards,
                             Labels externalLabels, boolean sendMetadata) {
    public ExporterConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(endpoint, "endpoint");
        signals = Set.copyOf(signals);
        headers = Map.copyOf(headers);
        if (shards < 1) {
            throw new IllegalArgumentException("shards must be >= 1, was " + shards);
        }
    }

}
