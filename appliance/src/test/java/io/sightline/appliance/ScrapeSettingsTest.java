package io.sightline.appliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sightline.ingest.scrape.ScrapeJob;

class ScrapeSettingsTest {
    @TempDir
    Path dir;

    private ApplianceConfig config(Map<String, String> values) {
        java.util.Map<String, String> all = new java.util.HashMap<>(values);
        all.put("data-dir", dir.resolve("data").toString());
        return ApplianceConfig.of(all);
    }

    @Test
    void noFileNoJobs() {
        assertThat(ScrapeSettings.fileJobs(config(Map.of()))).isEmpty();
    }

    @Test
    void readsTheFileWithTheOptionsAsDefaults() throws Exception {
        Path file = Files.writeString(dir.resolve("p.yml"), "scrape_configs: [{job_name: a, static_configs: [{targets: ['h:1']}]}]");
        List<ScrapeJob> jobs = ScrapeSettings.fileJobs(config(Map.of("scrape.config-file", file.toString(),
                "scrape.interval", "20s", "scrape.timeout", "30s", "scrape.sample-limit", "7", "scrape.body-size-limit", "1KiB")));
        assertThat(jobs).singleElement().satisfies(job -> {
            assertThat(job.interval()).isEqualTo(Duration.ofSeconds(20));
            assertThat(job.timeout()).as("never over the interval").isEqualTo(Duration.ofSeconds(20));
            assertThat(job.sampleLimit()).isEqualTo(7);
            assertThat(job.bodySizeLimit()).isEqualTo(1024);
        });
    }

    @Test
    void aBadFileStopsStartUpNamingIt() throws Exception {
        Path file = Files.writeString(dir.resolve("p.yml"), "scrape_configs: [{job_name: a, scheme: ftp}]");
        assertThatThrownBy(() -> ScrapeSettings.fileJobs(config(Map.of("scrape.config-file", file.toString()))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("scrape.config-file: " + file + ": job \"a\": scheme must be http or https, not \"ftp\"");
        assertThatThrownBy(() -> ScrapeSettings.fileJobs(config(Map.of("scrape.config-file", dir.resolve("none.yml").toString()))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("scrape.config-file: cannot read");
    }

    @Test
    void selfScrapeAddsTheSightlineJob() throws Exception {
        ApplianceConfig config = config(Map.of("scrape.self", "true"));
        assertThat(ScrapeSettings.jobs(config, List.of(), "127.0.0.1:8080")).singleElement().satisfies(job -> {
            assertThat(job.name()).isEqualTo("sightline");
            assertThat(job.targets().get(0).address()).isEqualTo("127.0.0.1:8080");
            assertThat(job.metricsPath()).isEqualTo("/metrics");
        });
        Path file = Files.writeString(dir.resolve("p.yml"), "scrape_configs: [{job_name: sightline}]");
        List<ScrapeJob> fileJobs = ScrapeSettings.fileJobs(config(Map.of("scrape.config-file", file.toString())));
        assertThatThrownBy(() -> ScrapeSettings.jobs(config, fileJobs, "h:1")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("has a job named \"sightline\" already");
    }
}
