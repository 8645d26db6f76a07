package io.sightline.ingest.scrape;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.sightline.storage.tsdb.Labels;

/**
 * One {@code scrape_configs} entry with its defaults filled in.
 *
 * @param name            {@code job_name}: the {@code job} label of its targets
 * @param scheme          {@code http} or {@code https}
 * @param metricsPath     the path scraped, e.g. {@code /metrics}
 * @param params          query parameters added to every scrape
 * @param interval        time between scrapes of one target
 * @param timeout         how long a scrape may take (at most {@code interval})
 * @param honorLabels     page labels win over target labels (else they become {@code exported_<name>})
 * @param honorTimestamps page timestamps are kept (else every sample gets the scrape's time)
 * @param sampleLimit     samples a page may hold after relabelling, else the scrape fails (0: no limit)
 * @param bodySizeLimit   bytes a page may have, else the scrape fails (0: no limit)
 * @param authorization   the {@code Authorization} header value sent (basic or bearer), or null
 * @param targets         the {@code static_configs} targets
 * @param relabel         {@code relabel_configs}, applied in order to every target's labels before scraping
 * @param metricRelabel   {@code metric_relabel_configs}, applied in order to every scraped series
 */
public record ScrapeJob(String name, String scheme, String metricsPath, Map<String, List<String>> params,
        Duration interval, Duration timeout, boolean honorLabels, boolean honorTimestamps, int sampleLimit,
        long bodySizeLimit, String authorization, List<StaticTarget> targets, List<RelabelRule> relabel,
        List<RelabelRule> metricRelabel) {

    public ScrapeJob {
        params = Map.copyOf(params);
        targets = List.copyOf(targets);
        relabel = List.copyOf(relabel);
        metricRelabel = List.copyOf(metricRelabel);
    }

    /**
     * One {@code static_configs} target.
     *
     * @param address {@code host:port}
     * @param labels  the group's {@code labels} (without {@code job} and {@code instance})
     */
    public record StaticTarget(String address, Labels labels) {
    }

    @Override
    public String toString() {
        return "ScrapeJob[" + name + ", " + targets.size() + " targets, every " + interval + "]"; // no credentials
    }
}
