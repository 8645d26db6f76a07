package io.sightline.ingest.export;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Which items of a signal an exporter forwards. Equal when built from equal settings (a reload keeps
 * an exporter whose filter did not change). Immutable.
 */
public final class ExportFilter {
    /** Everything. */
    public static final ExportFilter ALL = new ExportFilter(Set.of(), Set.of(), 1.0);

    private final Set<String> services;
    private final Set<String> excludedServices;
    private final double traceSampleRatio;
    private final List<String> dropMetrics;
    /** {@code dropMetrics} as one anchored pattern, or null when there is none. */
    private final Pattern dropPattern;

    /** A filter dropping no metric by name. */
    public ExportFilter(Set<String> services, Set<String> excludedServices, double traceSampleRatio) {
        this(services, excludedServices, traceSampleRatio, List.of());
    }

    /**
     * @param services          service names to forward ({@code service.name}; for metrics the
     *                          {@code job} label's name part); empty = every service
     * @param excludedServices  service names never forwarded (wins over {@code services})
     * @param traceSampleRatio  for traces, the share of traces forwarded, whole traces decided by trace
     *                          id (1 = all); the decision is consistent across batches, restarts and instances
     * @param dropMetrics       metric names never forwarded, as RE2J regexes anchored at both ends (as
     *                          Prometheus's relabel regexes); e.g. {@code traces_.*} keeps the metrics
     *                          derived from spans home when the target derives its own
     */
    public ExportFilter(Set<String> services, Set<String> excludedServices, double traceSampleRatio,
            List<String> dropMetrics) {
        this.services = Set.copyOf(Objects.requireNonNull(services, "services"));
        this.excludedServices = Set.copyOf(Objects.requireNonNull(excludedServices, "excludedServices"));
        if (!(traceSampleRatio >= 0 && traceSampleRatio <= 1)) {
            throw new IllegalArgumentException("trace sample ratio must be within [0, 1], was " + traceSampleRatio);
        }
        this.traceSampleRatio = traceSampleRatio;
        this.dropMetrics = List.copyOf(Objects.requireNonNull(dropMetrics, "dropMetrics"));
        for (String regex : this.dropMetrics) {
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("drop_metrics: \"" + regex + "\" is not a valid regex: " + e.getMessage(), e);
            }
        }
        this.dropPattern = this.dropMetrics.isEmpty() ? null : Pattern.compile("^(?s:"
                + String.join("|", this.dropMetrics.stream().map(r -> "(?:" + r + ")").toList()) + ")$");
    }

    public Set<String> services() {
        return services;
    }

    public Set<String> excludedServices() {
        return excludedServices;
    }

    public double traceSampleRatio() {
        return traceSampleRatio;
    }

    public List<String> dropMetrics() {
        return dropMetrics;
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
        return dropPattern == null || !dropPattern.matches(name);
    }

    /** Whether every item passes, so an encoder may forward entries without reading them. */
    public boolean passesEverything() {
        return services.isEmpty() && excludedServices.isEmpty() && traceSampleRatio == 1.0 && dropMetrics.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExportFilter that && services.equals(that.services)
                && excludedServices.equals(that.excludedServices)
                && Double.compare(traceSampleRatio, that.traceSampleRatio) == 0 && dropMetrics.equals(that.dropMetrics);
    }

    @Override
    public int hashCode() {
        return Objects.hash(services, excludedServices, traceSampleRatio, dropMetrics);
    }

    @Override
    public String toString() {
        return "ExportFilter[services=" + services + ", excludedServices=" + excludedServices + ", traceSampleRatio="
                + traceSampleRatio + ", dropMetrics=" + dropMetrics + "]";
    }
}
