package io.sightline.ingest.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.sightline.ingest.Signal;
import io.sightline.storage.tsdb.Labels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ExporterConfigReaderTest {
    @Test
    void readsEveryFieldWithItsDefaults() {
        List<ExporterConfig> exporters = ExporterConfigReader.read("""
                exporters:
                  - name: collector
                    protocol: otlp_grpc
                    endpoint: https://collector:4317
                    signals: [traces, logs]
                    headers: {authorization: "Bearer x"}
                    compression: none
                    timeout: 5s
                    tls: {ca_file: /etc/ca.pem, insecure_skip_verify: true}
                    services: [checkout]
                    exclude_services: [load]
                    trace_sample_ratio: 0.25
                    batch: {max_bytes: 2MiB, max_delay: 1s}
                    retry: {initial_backoff: 1s, max_backoff: 1m}
                    backlog: {max_age: 1h, max_bytes: 512MiB}
                  - name: mimir
                    protocol: remote_write
                    endpoint: http://mimir:9009/api/v1/push
                    external_labels: {cluster: eu-1}
                    shards: 4
                    send_metadata: false
                    drop_metrics: ["go_.*"]
                """);
        ExporterConfig collector = exporters.get(0);
        assertThat(collector.protocol()).isEqualTo(ExportProtocol.OTLP_GRPC);
        assertThat(collector.endpoint()).isEqualTo(URI.create("https://collector:4317"));
        assertThat(collector.signals()).containsExactlyInAnyOrder(Signal.TRACES, Signal.LOGS);
        assertThat(collector.headers()).containsEntry("authorization", "Bearer x");
        assertThat(collector.gzip()).isFalse();
        assertThat(collector.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(collector.tls().insecureSkipVerify()).isTrue();
        assertThat(collector.filter()).isEqualTo(new ExportFilter(Set.of("checkout"), Set.of("load"), 0.25));
        assertThat(collector.batch()).isEqualTo(new BatchLimits(2L << 20, Duration.ofSeconds(1)));
        assertThat(collector.retry()).isEqualTo(new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(1)));
        assertThat(collector.backlog()).isEqualTo(new BacklogBound(Duration.ofHours(1), 512L << 20));
        ExporterConfig mimir = exporters.get(1);
        assertThat(mimir.signals()).containsExactly(Signal.METRICS);
        assertThat(mimir.externalLabels()).isEqualTo(Labels.of("cluster", "eu-1"));
        assertThat(mimir.shards()).isEqualTo(4);
        assertThat(mimir.sendMetadata()).isFalse();
        assertThat(mimir.filter().allowsMetric("go_goroutines")).isFalse();
        assertThat(mimir.filter().allowsMetric("http_go_requests_total")).as("anchored").isTrue();
        assertThat(mimir.gzip()).isTrue();
        assertThat(mimir.batch()).as("remote_write's larger default").isEqualTo(new BatchLimits(4L << 20, Duration.ofMillis(200)));
        assertThat(mimir.backlog()).isEqualTo(BacklogBound.DEFAULT);
    }

    @Test
    void batchDefaultsAreLargerForTheHttpProtocolsThatTakeBigBodies() {
        List<ExporterConfig> exporters = ExporterConfigReader.read("""
                exporters:
                  - {name: grpc, protocol: otlp_grpc, endpoint: http://c:4317}
                  - {name: http, protocol: otlp_http, endpoint: http://c:4318}
                  - {name: rw, protocol: remote_write, endpoint: http://p:9090/api/v1/write}
                  - {name: loki, protocol: loki, endpoint: http://l:3100/loki/api/v1/push}
                  - {name: tuned, protocol: otlp_http, endpoint: http://c:4318, batch: {max_delay: 1s}}
                """);
        assertThat(exporters).extracting(ExporterConfig::batch).containsExactly(BatchLimits.DEFAULT,
                BatchLimits.LARGE_HTTP_DEFAULT, BatchLimits.LARGE_HTTP_DEFAULT, BatchLimits.DEFAULT,
                new BatchLimits(4L << 20, Duration.ofSeconds(1)));
        assertThat(BatchLimits.DEFAULT.maxBytes()).isEqualTo(1L << 20);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            protocol: otlp_grpc                         | name is required
            name: a, protocol: zipkin, endpoint: http://x | unknown protocol "zipkin"
            name: a, protocol: loki, endpoint: ftp://x    | must be an http:// or https:// URL
            name: a, protocol: loki, endpoint: http://x, signals: [traces] | protocol loki cannot carry traces
            name: a, protocol: loki, endpoint: http://x, shards: 2 | shards: only for protocol remote_write
            name: a, protocol: otlp_http, endpoint: http://x, trace_sample_ratio: 2 | is not within 0 and 1
            name: a, protocol: otlp_http, endpoint: http://x, timout: 5s | unknown field "timout"
            name: a, protocol: otlp_http, endpoint: http://x, retry: {initial_backoff: 10s, max_backoff: 1s} | shorter than initial_backoff
            name: a, protocol: remote_write, endpoint: http://x, drop_metrics: ["(unclosed"] | is not a valid regex
            name: a, protocol: loki, endpoint: http://x, drop_metrics: [x] | forwards no metrics
            name: a b, protocol: loki, endpoint: http://x | must be 1-64 letters
            """)
    void refusesBadExportersNamingTheField(String exporter, String message) {
        assertThatThrownBy(() -> ExporterConfigReader.read("exporters:\n  - {" + exporter + "}\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void refusesTheSameNameTwice() {
        assertThatThrownBy(() -> ExporterConfigReader.read("""
                exporters:
                  - {name: a, protocol: loki, endpoint: "http://x"}
                  - {name: a, protocol: loki, endpoint: "http://y"}
                """)).hasMessageContaining("name \"a\" is used twice");
    }
}
