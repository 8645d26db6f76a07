package io.sightline.query.traces;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Calls between services over a time range, for Jaeger's {@code /api/dependencies}: who called whom
 * how often. Implemented over the service-graph metrics ({@link ServiceGraphDependencies}), not over
 * stored spans. Thread-safe.
 */
public interface DependencySource {
    /**
     * The links seen in (endMillis − lookback, endMillis], sorted by parent then child.
     *
     * @param endMillis Unix epoch milliseconds
     * @param lookback  how far back from the end, positive
     */
    List<DependencyLink> dependencies(long endMillis, Duration lookback);

    /**
     * Calls from one service to another.
     *
     * @param parent    the calling (client) service
     * @param child     the called (server) service
     * @param callCount calls in the range, at least 1
     */
    record DependencyLink(String parent, String child, long callCount) {
        public DependencyLink {
            Objects.requireNonNull(parent, "parent");
            Objects.requireNonNull(child, "child");
        }
    }
}
