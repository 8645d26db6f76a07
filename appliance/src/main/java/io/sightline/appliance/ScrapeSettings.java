package io.sightline.appliance;

import static io.sightline.appliance.SettingType.BOOLEAN;
import static io.sightline.appliance.SettingType.BYTES;
import static io.sightline.appliance.SettingType.DURATION;
import static io.sightline.appliance.SettingType.INTEGER;
import static io.sightline.appliance.SettingType.OPTIONAL_PATH;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.sightline.ingest.scrape.ScrapeConfigReader;
import io.sightline.ingest.scrape.ScrapeDefaults;
import io.sightline.ingest.scrape.ScrapeJob;
import io.sightline.storage.tsdb.Labels;

/** The {@code scrape.*} options: Prometheus scraping of static targets, read into the ingest module's {@link ScrapeJob}s. */
final class ScrapeSettings {
    /** The job of {@code scrape.self}. */
    static final String SELF_JOB = "sightline";

    static final Setting CONFIG_FILE = new Setting("scrape.config-file", OPTIONAL_PATH, "",
            "Prometheus configuration file whose scrape_configs (static_configs) Sightline scrapes; empty = no scraping");
    static final Setting INTERVAL = new Setting("scrape.interval", DURATION, "1m",
            "scrape_interval of jobs that set none (the file's global.scrape_interval wins)");
    static final Setting TIMEOUT = new Setting("scrape.timeout", DURATION, "10s",
            "scrape_timeout of jobs that set none (the file's global.scrape_timeout wins; never over the interval)");
    static final Setting SAMPLE_LIMIT = new Setting("scrape.sample-limit", INTEGER, "100000",
            "sample_limit of jobs that set none: a page with more samples (after relabelling) fails, up=0; 0 = none");
    static final Setting BODY_SIZE_LIMIT = new Setting("scrape.body-size-limit", BYTES, "64MiB",
            "body_size_limit of jobs that set none: a larger page fails, up=0; 0 = none");
    static final Setting SELF = new Setting("scrape.self", BOOLEAN, "false",
            "scrape Sightline's own /metrics as job \"sightline\" at scrape.interval");

    static final List<Setting> ALL = List.of(CONFIG_FILE, INTERVAL, TIMEOUT, SAMPLE_LIMIT, BODY_SIZE_LIMIT, SELF);

    private ScrapeSettings() {
    }

    /** The jobs of the scrape config file (none when unset), read at start so a bad file stops start-up. */
    static List<ScrapeJob> fileJobs(ApplianceConfig config) {
        ScrapeDefaults defaults = defaults(config);
        return OptionFile.read(config, CONFIG_FILE, yaml -> ScrapeConfigReader.read(yaml, defaults)).orElse(List.of());
    }

    /** The file's jobs plus, with {@code scrape.self}, Sightline's own /metrics at {@code selfAddress} (host:port). */
    static List<ScrapeJob> jobs(ApplianceConfig config, List<ScrapeJob> fileJobs, String selfAddress) {
        List<ScrapeJob> jobs = new ArrayList<>(fileJobs);
        if (config.flag(SELF)) {
            if (fileJobs.stream().anyMatch(j -> j.name().equals(SELF_JOB))) {
                throw new ConfigException(SELF.key() + ": the scrape config file has a job named \"" + SELF_JOB + "\" already");
            }
            ScrapeDefaults d = defaults(config);
            jobs.add(new ScrapeJob(SELF_JOB, "http", "/metrics", Map.of(), d.interval(), d.timeout(), false, true,
                    d.sampleLimit(), d.bodySizeLimit(), null, List.of(new ScrapeJob.StaticTarget(selfAddress, Labels.EMPTY)),
                    List.of(), List.of()));
        }
        return jobs;
    }

    private static ScrapeDefaults defaults(ApplianceConfig config) {
        if (config.integer(SAMPLE_LIMIT) < 0) {
            throw new ConfigException(SAMPLE_LIMIT.key() + " must be 0 (none) or more");
        }
        if (config.duration(INTERVAL).isZero() || config.duration(TIMEOUT).isZero()) {
            throw new ConfigException(INTERVAL.key() + " and " + TIMEOUT.key() + " must be positive");
        }
        java.time.Duration timeout = config.duration(TIMEOUT).compareTo(config.duration(INTERVAL)) > 0
                ? config.duration(INTERVAL) : config.duration(TIMEOUT);
        return new ScrapeDefaults(config.duration(INTERVAL), timeout, config.integer(SAMPLE_LIMIT), config.bytes(BODY_SIZE_LIMIT));
    }
}
