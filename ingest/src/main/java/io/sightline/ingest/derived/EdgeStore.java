package io.sightline.ingest.derived;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.Consumer;

/**
 * Span halves waiting for their other half, as Tempo's service-graph store keeps them: keyed by
 * trace id and the client's span id (a client or producer span's own id, a server or consumer
 * span's parent id), at most {@code maxItems}, each until {@code wait} after it arrived. Insertion
 * order is arrival order, so expiry only looks at the oldest entries. Times are the applier's clock
 * (when a span is applied, not its timestamps), as Tempo uses its own clock. Not thread-safe.
 */
final class EdgeStore {
    private final int maxItems;
    private final long waitMillis;
    private final LinkedHashMap<String, Edge> pending = new LinkedHashMap<>();

    /** One edge being assembled: the side(s) seen so far. */
    static final class Edge {
        final String traceId;
        final long expiresAtMillis;
        String connectionType = "";
        String client = "";
        String server = "";
        double clientSeconds = Double.NaN;
        double serverSeconds = Double.NaN;
        boolean failed;

        Edge(String traceId, long expiresAtMillis) {
            this.traceId = traceId;
            this.expiresAtMillis = expiresAtMillis;
        }

        boolean complete() {
            return !Double.isNaN(clientSeconds) && !Double.isNaN(serverSeconds);
        }
    }

    EdgeStore(int maxItems, long waitMillis) {
        this.maxItems = maxItems;
        this.waitMillis = waitMillis;
    }

    /** The pending edge under {@code key}, or null. */
    Edge get(String key) {
        return pending.get(key);
    }

    /** Removes the edge under {@code key} (it completed). */
    void remove(String key) {
        pending.remove(key);
    }

    /**
     * Adds a new half-edge for {@code traceId} under {@code key}, waiting until {@code nowMillis + wait};
     * null (and nothing added) when the store is full.
     */
    Edge add(String key, String traceId, long nowMillis) {
        if (pending.size() >= maxItems) {
            return null;
        }
        Edge edge = new Edge(traceId, nowMillis + waitMillis);
        pending.put(key, edge);
        return edge;
    }

    /** Removes every edge whose wait is over at {@code nowMillis} and hands it to {@code expired}. */
    void expire(long nowMillis, Consumer<Edge> expired) {
        Iterator<Edge> oldestFirst = pending.values().iterator();
        while (oldestFirst.hasNext()) {
            Edge edge = oldestFirst.next();
            if (edge.expiresAtMillis > nowMillis) {
                return;
            }
            oldestFirst.remove();
            expired.accept(edge);
        }
    }

    int size() {
        return pending.size();
    }
}
