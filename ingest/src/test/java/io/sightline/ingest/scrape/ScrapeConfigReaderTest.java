package io.sightline.ingest.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.sightline.storage.tsdb.Labels;

class ScrapeConfigReaderTest {
    private static final ScrapeDefaults DEFAULTS = new ScrapeDefaults(Duration.ofMinutes(1), Duration.ofSeconds(10), 1000, 1 << 20);

    @Test
    void readsAPrometheusFile() {
        List<ScrapeJob> jobs = ScrapeConfigReader.read("""
                global:
                  scrape_interval: 30s
                rule_files: [rules.yml]
                scrape_configs:
                  - job_name: node
                    scrape_interval: 1m30s
                    scrape_timeout: 5s
                    metrics_path: /probe
                    scheme: https
                    params: {module: [http_2xx]}
                    honor_labels: true
                    honor_timestamps: false
                    sample_limit: 50
                    body_size_limit: 10MB
                    basic_auth: {username: u, password: p}
                    static_configs:
                      - targets: ['a:9100', 'b:9100']
                        labels: {env: prod}
                    metric_relabel_configs:
                      - source_labels: [__name__]
                        regex: go_.*
                        action: drop
                  - job_name: plain
                    static_configs: [{targets: ['c:80']}]
                """, DEFAULTS);
        ScrapeJob node = jobs.get(0);
        assertThat(node.name()).isEqualTo("node");
        assertThat(node.interval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(node.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(node.metricsPath()).isEqualTo("/probe");
        assertThat(node.scheme()).isEqualTo("https");
        assertThat(node.params()).containsEntry("module", List.of("http_2xx"));
        assertThat(node.honorLabels()).isTrue();
        assertThat(node.honorTimestamps()).isFalse();
        assertThat(node.sampleLimit()).isEqualTo(50);
        assertThat(node.bodySizeLimit()).isEqualTo(10L << 20);
        assertThat(node.authorization()).isEqualTo("Basic dTpw");
        assertThat(node.targets()).extracting(ScrapeJob.StaticTarget::address).containsExactly("a:9100", "b:9100");
        assertThat(node.targets().get(0).labels()).isEqualTo(Labels.of("env", "prod"));
        assertThat(node.metricRelabel()).hasSize(1);
        ScrapeJob plain = jobs.get(1);
        assertThat(plain.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(plain.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(plain.metricsPath()).isEqualTo("/metrics");
        assertThat(plain.honorTimestamps()).isTrue();
        assertThat(plain.sampleLimit()).isEqualTo(1000);
        assertThat(plain.bodySizeLimit()).isEqualTo(1 << 20);
        assertThat(plain.authorization()).isNull();
    }

    @Test
    void timeoutDefaultsToTheIntervalWhenShorter() {
        assertThat(ScrapeConfigReader.read("scrape_configs: [{job_name: a, scrape_interval: 2s}]", DEFAULTS).get(0).timeout())
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void namesTheProblem() {
        assertThatThrownBy(() -> ScrapeConfigReader.read("scrape_configs: [{job_name: a, scrape_intervall: 1s}]", DEFAULTS))
                .hasMessage("job \"a\": unknown field \"scrape_intervall\"");
        assertThatThrownBy(() -> ScrapeConfigReader.read("scrape_configs: [{job_name: a, scrape_interval: 5 s}]", DEFAULTS))
                .hasMessage("job \"a\": scrape_interval: \"5 s\" is not a duration (e.g. 15s, 1m30s, 500ms)");
        assertThatThrownBy(() -> ScrapeConfigReader.read("scrape_configs: [{job_name: a, scrape_interval: 5s, scrape_timeout: 6s}]", DEFAULTS))
                .hasMessageContaining("must be positive and at most scrape_interval");
        assertThatThrownBy(() -> ScrapeConfigReader.read("scrape_configs: [{job_name: a}, {job_name: a}]", DEFAULTS))
                .hasMessage("scrape_configs: job_name \"a\" is used twice");
        assertThatThrownBy(() -> ScrapeConfigReader.read("scrape_configs: [{job_name: a, static_configs: [{targets: ['http://x:1/metrics']}]}]", DEFAULTS))
                .hasMessageContaining("must be host:port");
        assertThatThrownBy(() -> ScrapeConfigReader.read(
                "scrape_configs: [{job_name: a, metric_relabel_configs: [{action: shuffle}]}]", DEFAULTS))
                .hasMessageContaining("job \"a\": metric_relabel_configs[0]: unsupported action \"shuffle\"");
        assertThatThrownBy(() -> ScrapeConfigReader.read(
                "scrape_configs: [{job_name: a, metric_relabel_configs: [{action: hashmod, target_label: s, source_labels: [x]}]}]", DEFAULTS))
                .hasMessage("job \"a\": metric_relabel_configs[0]: relabel action hashmod needs a positive modulus");
        assertThatThrownBy(() -> ScrapeConfigReader.read(
                "scrape_configs: [{job_name: a, metric_relabel_configs: [{source_labels: [x], regex: '(', action: keep}]}]", DEFAULTS))
                .hasMessageContaining("job \"a\": metric_relabel_configs[0]: invalid regex \"(\"");
    }

    @Test
    void readsSizes() {
        assertThat(io.sightline.ingest.YamlValues.bytes("512KiB", "x")).isEqualTo(512 * 1024);
        assertThat(io.sightline.ingest.YamlValues.bytes("1GB", "x")).isEqualTo(1L << 30);
        assertThat(io.sightline.ingest.YamlValues.bytes(100, "x")).isEqualTo(100);
    }
}
