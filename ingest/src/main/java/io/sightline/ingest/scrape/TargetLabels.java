package io.sightline.ingest.scrape;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sightline.storage.tsdb.Labels;

/**
 * A static target's labels and URL as Prometheus works them out: the discovered labels
 * ({@code __address__}, {@code __scheme__}, {@code __metrics_path__}, {@code __scrape_interval__},
 * {@code __scrape_timeout__}, {@code __param_<name>}, {@code job}, the group's labels) go through
 * {@code relabel_configs}; a target whose labels are dropped or lose {@code __address__} is not
 * scraped; {@code instance} defaults to {@code __address__}; the URL is built from the
 * {@code __} labels ({@code __param_x} replaces the first value of parameter {@code x}); labels
 * starting with {@code __} are then removed. Stateless.
 */
final class TargetLabels {
    private static final String ADDRESS = "__address__";
    private static final String SCHEME = "__scheme__";
    private static final String METRICS_PATH = "__metrics_path__";
    private static final String PARAM = "__param_";

    /** A target to scrape: its final labels and URL. */
    record Resolved(Labels labels, URI url) {
    }

    private TargetLabels() {
    }

    /** The target as scraped, or null when {@code relabel_configs} drop it. */
    static Resolved resolve(ScrapeJob job, ScrapeJob.StaticTarget target) {
        Labels.Builder discovered = target.labels().toBuilder()
                .set("job", job.name())
                .set(ADDRESS, target.address())
                .set(SCHEME, job.scheme())
                .set(METRICS_PATH, job.metricsPath())
                .set("__scrape_interval__", duration(job.interval()))
                .set("__scrape_timeout__", duration(job.timeout()));
        job.params().forEach((name, values) -> {
            if (!values.isEmpty()) {
                discovered.set(PARAM + name, values.get(0));
            }
        });
        Labels labels = discovered.build();
        for (RelabelRule rule : job.relabel()) {
            labels = rule.apply(labels);
            if (labels == null) {
                return null;
            }
        }
        if (!labels.has(ADDRESS)) {
            return null;
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        job.params().forEach((name, values) -> params.put(name, new ArrayList<>(values)));
        Labels.Builder kept = Labels.builder();
        for (int i = 0; i < labels.size(); i++) {
            String name = labels.name(i);
            if (name.startsWith(PARAM)) {
                List<String> values = params.computeIfAbsent(name.substring(PARAM.length()), n -> new ArrayList<>());
                if (values.isEmpty()) {
                    values.add(labels.value(i));
                } else {
                    values.set(0, labels.value(i));
                }
            } else if (!name.startsWith("__")) {
                kept.set(name, labels.value(i));
            }
        }
        if (!labels.has("instance")) {
            kept.set("instance", labels.get(ADDRESS));
        }
        String scheme = labels.has(SCHEME) ? labels.get(SCHEME) : job.scheme();
        String path = labels.has(METRICS_PATH) ? labels.get(METRICS_PATH) : "/";
        return new Resolved(kept.build(), PageFetcher.url(scheme, labels.get(ADDRESS), path, params));
    }

    /** Prometheus's duration text: {@code 1m30s}, {@code 500ms}, {@code 0s}. */
    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long[] units = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000, 1};
        String[] names = {"y", "w", "d", "h", "m", "s", "ms"};
        for (int i = 0; i < units.length; i++) {
            if (ms >= units[i]) {
                out.append(ms / units[i]).append(names[i]);
                ms %= units[i];
            }
        }
        return out.toString();
    }
}
