package io.sightline.ingest.export;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Which items of a signal an exporter forwards.
 *
 * @param services          service names to forward ({@code service.name}; for metrics the
 *                          {@code job} label's name part); empty = every service
 * @param excludedServices  service names never forwarded (wins over {@code services})
 * @param traceSampleRatio  for traces, the share of traces forwarded, whole traces decided by trace id
 *                          (1 = all); the decision is consistent across batches, restarts and instances
 * @param dropMetrics       metric names never forwarded, as RE2J regexes anchored at both ends (as
 *                          Prometheus's relabel regexes); e.g. {@code traces_.*} keeps the metrics
 *                          derived from spans home when the target derives its own
 */
public record ExportFilter(Set<String> services, Set<String> excludedServices, double traceSampleRatio,
                           List<String> dropMetrics) {
    /** Everything. */
    public static final ExportFilter ALL = new ExportFilter(Set.of(), Set.of(), 1.0);

    /** A filter dropping no metric by name. */
    public ExportFilter(Set<String> services, Set<String> excludedServices, double traceSampleRatio) {
        this(services, excludedServices, traceSampleRatio, List.of());
    }

    public ExportFilter {
        dropMetrics = List.copyOf(Objects.requireNonNull(dropMetrics, "dropMetrics"));
        for (String regex : dropMetrics) {
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("drop_metrics: \"" + regex + "\" is not a valid regex: " + e.getMessage(), e);
            }
        }
        services = Set.copyOf(Objects.requireNonNull(services, "services"));
        excludedServices = Set.copyOf(Objects.requireNonNull(excludedServices, "excludedServices"));
        if (!(traceSampleRatio >= 0 && traceSampleRatio <= 1)) {
            throw new IllegalArgumentException("trace sample ratio must be within [0, 1], was " + traceSampleRatio);
        }
    }

    /** Whether items of {@code service} (null or empty when the item names none) pass the service lists. */
    public boolean allowsService(String service) {
        String name = service == null ? "" : service;
        if (excludedServices.contains(name)) {
            return false;
        }
        return services.isEmpty() || services.contains(name);
    }

    /** Whether series of the metric {@code name} pass {@code dropMetrics}. */
    public boolean allowsMetric(String name) {
        return dropMetrics.isEmpty() || !dropPattern().matches(name);
    }

    /** Whether every item passes, so an encoder may forward entries without reading them. */
    public boolean passesEverything() {
        return services.isEmpty() && excludedServices.isEmpty() && traceSampleRatio == 1.0 && dropMetrics.isEmpty();
    }

    private Pattern dropPattern() {
        Pattern compiled = DROP_PATTERNS.get(dropMetrics);
        if (compiled == null) {
            compiled = Pattern.compile("^(?s:" + String.join("|", dropMetrics.stream().map(r -> "(?:" + r + ")").toList()) + ")$");
            DROP_PATTERNS.putIfAbsent(dropMetrics, compiled);
        }
        return compiled;
    }

    /** Compiled once per list of regexes: a record cannot hold a derived field. */
    private static final java.util.Map<List<String>, Pattern> DROP_PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();
}
