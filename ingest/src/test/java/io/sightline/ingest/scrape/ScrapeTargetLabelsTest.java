package io.sightline.ingest.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sightline.storage.tsdb.Labels;

/** {@link TargetLabels}: relabel_configs over a static target, as the blackbox exporter's users write them. */
class ScrapeTargetLabelsTest {
    private static ScrapeJob job(String yaml) {
        return ScrapeConfigReader.read(yaml, ScrapeDefaults.PROMETHEUS).get(0);
    }

    @Test
    void withoutRulesInstanceIsTheAddress() {
        ScrapeJob job = job("scrape_configs: [{job_name: node, params: {a: ['1', '2']}, static_configs: [{targets: ['h:9100'], labels: {env: prod}}]}]");
        TargetLabels.Resolved t = TargetLabels.resolve(job, job.targets().get(0));
        assertThat(t.labels()).isEqualTo(Labels.of("env", "prod", "instance", "h:9100", "job", "node"));
        assertThat(t.url().toString()).isEqualTo("http://h:9100/metrics?a=1&a=2");
    }

    @Test
    void theBlackboxPattern() {
        ScrapeJob job = job("""
                scrape_configs:
                  - job_name: blackbox
                    metrics_path: /probe
                    params: {module: [http_2xx]}
                    static_configs: [{targets: ['https://example.org', 'https://drop.me']}]
                    relabel_configs:
                      - {source_labels: [__address__], target_label: __param_target}
                      - {source_labels: [__param_target], target_label: instance}
                      - {source_labels: [__param_target], regex: '.*drop.*', action: drop}
                      - {target_label: __address__, replacement: 'exporter:9115'}
                """.replace("'https://example.org', 'https://drop.me'", "'example.org', 'drop.me'"));
        TargetLabels.Resolved kept = TargetLabels.resolve(job, job.targets().get(0));
        assertThat(kept.labels()).isEqualTo(Labels.of("instance", "example.org", "job", "blackbox"));
        assertThat(kept.url().toString()).isEqualTo("http://exporter:9115/probe?module=http_2xx&target=example.org");
        assertThat(TargetLabels.resolve(job, job.targets().get(1))).isNull();
    }

    @Test
    void discoveredLabelsCanBeRelabelled() {
        ScrapeJob job = job("""
                scrape_configs:
                  - job_name: j
                    scrape_interval: 1m30s
                    static_configs: [{targets: ['h:1']}]
                    relabel_configs:
                      - {source_labels: [__scrape_interval__], target_label: every}
                      - {target_label: __metrics_path__, replacement: /other}
                      - {target_label: __scheme__, replacement: https}
                """);
        TargetLabels.Resolved t = TargetLabels.resolve(job, job.targets().get(0));
        assertThat(t.labels().get("every")).isEqualTo("1m30s");
        assertThat(t.url().toString()).isEqualTo("https://h:1/other");
        assertThat(TargetLabels.duration(Duration.ofMillis(1500))).isEqualTo("1s500ms");
        assertThat(job.params()).isEqualTo(Map.of());
        assertThat(job.relabel()).hasSize(3);
    }
}
