package io.sightline.ingest.scrape;

import java.time.Duration;

/**
 * What a scrape config file leaves out: the appliance's {@code scrape.*} options.
 *
 * @param interval      {@code scrape_interval} when neither the job nor {@code global} sets it (Prometheus: 1m)
 * @param timeout       {@code scrape_timeout} likewise (Prometheus: 10s; never more than the interval)
 * @param sampleLimit   {@code sample_limit} when the job sets none (0: no limit)
 * @param bodySizeLimit {@code body_size_limit} in bytes when the job sets none (0: no limit)
 */
public record ScrapeDefaults(Duration interval, Duration timeout, int sampleLimit, long bodySizeLimit) {
    public static final ScrapeDefaults PROMETHEUS = new ScrapeDefaults(Duration.ofMinutes(1), Duration.ofSeconds(10),
            0, 0);
}
