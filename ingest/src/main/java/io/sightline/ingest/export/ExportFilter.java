package io.sightline.ingest.export;

import java.util.Objects;
import java.util.Set;

/**
 * Which items of a signal an exporter forwards.
 *
 * @param services          service names to forward ({@code service.name}; for metrics the
 *                          {@code job} label's name part); empty = every service
 * @param excludedServices  service names never forwarded (wins over {@code services})
 * @param traceSampleRatio  for traces, the share of traces forwarded, whole traces decided by trace id
 *                          (1 = all); the decision is consistent across batches, restarts and instances
 */
public record ExportFilter(Set<String> services, Set<String> excludedServices, double traceSampleRatio) {
    /** Everything. */
    public static final ExportFilter ALL = new ExportFilter(Set.of(), Set.of(), 1.0);

    public ExportFilter {
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

    /** Whether every item passes, so an encoder may forward entries without reading them. */
    public boolean passesEverything() {
        return services.isEmpty() && excludedServices.isEmpty() && traceSampleRatio == 1.0;
    }
}
