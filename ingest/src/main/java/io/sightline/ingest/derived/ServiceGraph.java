package io.sightline.ingest.derived;

import java.util.HashMap;
import java.util.Map;

import io.sightline.storage.traces.SpanRecord;

/**
 * Edges between services, as Grafana Tempo's metrics-generator (service-graphs processor) names and
 * shapes them: a CLIENT span and the SERVER span whose parent it is (same trace) make one request
 * from the client's service to the server's; PRODUCER and CONSUMER likewise, with
 * {@code connection_type="messaging_system"}; a CLIENT span with a {@code db.name} (or its newer name
 * {@code db.namespace}) attribute is a request to that database at once ({@code connection_type="database"},
 * both durations the client's). The first half to arrive waits in an {@link EdgeStore}; when the other
 * arrives the edge completes: {@value #REQUEST_TOTAL}, {@value #FAILED_TOTAL} (either side's status
 * ERROR), and the histograms {@value #SERVER_SECONDS} and {@value #CLIENT_SECONDS} (each side's own
 * span duration), exemplar = the trace id. A half that waits too long counts in
 * {@value #UNPAIRED_TOTAL}, one that finds the store full in {@value #DROPPED_TOTAL}; both labelled
 * with the side that is known. Labels: {@code client}, {@code server}, {@code connection_type}
 * (left out when unset). Root SERVER spans (no parent) and other kinds are not part of an edge.
 *
 * <p>At most {@code maxSeries} label sets (request, unpaired and dropped families together); beyond
 * that, one series labelled only {@code otel_metric_overflow="true"} per family, counted in
 * {@link #overflowSpans()}. Not thread-safe: the applier's thread only.
 */
final class ServiceGraph {
    static final String REQUEST_TOTAL = "traces_service_graph_request_total";
    static final String FAILED_TOTAL = "traces_service_graph_request_failed_total";
    static final String SERVER_SECONDS = "traces_service_graph_request_server_seconds";
    static final String CLIENT_SECONDS = "traces_service_graph_request_client_seconds";
    static final String UNPAIRED_TOTAL = "traces_service_graph_unpaired_spans_total";
    static final String DROPPED_TOTAL = "traces_service_graph_dropped_spans_total";
    static final String MESSAGING_SYSTEM = "messaging_system";
    static final String DATABASE = "database";
    private static final DerivedLabels OVERFLOW = DerivedLabels.of("otel_metric_overflow", "true");
    private static final double NANOS_PER_SECOND = 1e9;

    private final EdgeStore store;
    private final int maxSeries;
    private final double[] bounds;
    private final String[] le;
    private final Map<DerivedLabels, EdgeSeries> edges = new HashMap<>();
    private final Map<DerivedLabels, long[]> unpaired = new HashMap<>();
    private final Map<DerivedLabels, long[]> dropped = new HashMap<>();
    private long overflowSpans;

    /** One edge's counters and histograms, cumulative. */
    private static final class EdgeSeries {
        final Histogram server;
        final Histogram client;
        long requests;
        long failed;
        String traceId;
        double serverSeconds;
        double clientSeconds;
        boolean exemplarFresh;
        /** Whether the request series and the failed one were written since the start (a first write begins with a 0). */
        boolean written;
        boolean failedWritten;

        EdgeSeries(double[] bounds) {
            server = new Histogram(bounds);
            client = new Histogram(bounds);
        }
    }

    ServiceGraph(int maxItems, long waitMillis, int maxSeries, double[] bounds) {
        this.store = new EdgeStore(maxItems, waitMillis);
        this.maxSeries = maxSeries;
        this.bounds = bounds;
        this.le = SampleOut.leValues(bounds);
    }

    /** Pairs {@code span} with its waiting other half, or leaves it waiting; {@code nowMillis} is the applier's clock. */
    void observe(SpanRecord span, long nowMillis) {
        if (span.serviceName().isEmpty()) {
            return; // as Tempo: a resource without service.name is skipped
        }
        switch (span.kind()) {
            case SpanRecord.KIND_CLIENT, SpanRecord.KIND_PRODUCER -> client(span, nowMillis);
            case SpanRecord.KIND_SERVER, SpanRecord.KIND_CONSUMER -> server(span, nowMillis);
            default -> {
                // internal and unspecified spans are not requests between services
            }
        }
    }

    private void client(SpanRecord span, long nowMillis) {
        double seconds = span.durationNanos() / NANOS_PER_SECOND;
        boolean failed = span.statusCode() == SpanRecord.STATUS_ERROR;
        String database = span.kind() == SpanRecord.KIND_CLIENT ? database(span) : "";
        if (!database.isEmpty()) {
            EdgeStore.Edge edge = new EdgeStore.Edge(span.traceId(), nowMillis);
            edge.connectionType = DATABASE;
            edge.client = span.serviceName();
            edge.server = database;
            edge.clientSeconds = seconds;
            edge.serverSeconds = seconds;
            edge.failed = failed;
            completed(edge);
            return;
        }
        String key = span.traceId() + span.spanId();
        String connectionType = span.kind() == SpanRecord.KIND_PRODUCER ? MESSAGING_SYSTEM : "";
        EdgeStore.Edge edge = store.get(key);
        if (edge == null) {
            edge = store.add(key, span.traceId(), nowMillis);
            if (edge == null) {
                count(dropped, DerivedLabels.of("client", span.serviceName(), "connection_type", connectionType));
                return;
            }
        }
        edge.connectionType = connectionType;
        edge.client = span.serviceName();
        edge.clientSeconds = seconds;
        edge.failed |= failed;
        if (edge.complete()) {
            store.remove(key);
            completed(edge);
        }
    }

    private void server(SpanRecord span, long nowMillis) {
        if (span.isRoot()) {
            return; // no client span can be its parent
        }
        String key = span.traceId() + span.parentSpanId();
        String connectionType = span.kind() == SpanRecord.KIND_CONSUMER ? MESSAGING_SYSTEM : "";
        EdgeStore.Edge edge = store.get(key);
        if (edge == null) {
            edge = store.add(key, span.traceId(), nowMillis);
            if (edge == null) {
                count(dropped, DerivedLabels.of("connection_type", connectionType, "server", span.serviceName()));
                return;
            }
        }
        edge.connectionType = connectionType;
        edge.server = span.serviceName();
        edge.serverSeconds = span.durationNanos() / NANOS_PER_SECOND;
        edge.failed |= span.statusCode() == SpanRecord.STATUS_ERROR;
        if (edge.complete()) {
            store.remove(key);
            completed(edge);
        }
    }

    /** The database a client span calls ({@code db.name}, else {@code db.namespace}; span before resource), or "". */
    private static String database(SpanRecord span) {
        for (String attribute : new String[] {"db.name", "db.namespace"}) {
            Object value = span.attributes().get(attribute);
            if (value == null) {
                value = span.resource().get(attribute);
            }
            if (value != null && !value.toString().isEmpty()) {
                return value.toString();
            }
        }
        return "";
    }

    /** Expires halves whose wait is over at {@code nowMillis}: each counts as unpaired. */
    void expire(long nowMillis) {
        store.expire(nowMillis, edge -> count(unpaired,
                DerivedLabels.of("client", edge.client, "connection_type", edge.connectionType, "server", edge.server)));
    }

    private void completed(EdgeStore.Edge edge) {
        DerivedLabels labels = DerivedLabels.of("client", edge.client, "connection_type", edge.connectionType,
                "server", edge.server);
        EdgeSeries series = edges.get(labels);
        if (series == null) {
            if (seriesCount() >= maxSeries) {
                overflowSpans++;
                labels = OVERFLOW;
                series = edges.get(OVERFLOW);
            }
            if (series == null) {
                series = new EdgeSeries(bounds);
                edges.put(labels, series);
            }
        }
        series.requests++;
        if (edge.failed) {
            series.failed++;
        }
        series.server.observe(edge.serverSeconds);
        series.client.observe(edge.clientSeconds);
        series.traceId = edge.traceId;
        series.serverSeconds = edge.serverSeconds;
        series.clientSeconds = edge.clientSeconds;
        series.exemplarFresh = true;
    }

    private void count(Map<DerivedLabels, long[]> family, DerivedLabels labels) {
        long[] counter = family.get(labels);
        if (counter == null) {
            if (seriesCount() >= maxSeries) {
                overflowSpans++;
                labels = OVERFLOW;
                counter = family.get(OVERFLOW);
            }
            if (counter == null) {
                counter = new long[2]; // the count, and 1 once written (see counters)
                family.put(labels, counter);
            }
        }
        counter[0]++;
    }

    /** Label sets kept over the request, unpaired and dropped families (overflow series included). */
    int seriesCount() {
        return edges.size() + unpaired.size() + dropped.size();
    }

    /** Halves waiting for their other half. */
    int pendingEdges() {
        return store.size();
    }

    /** Spans counted in an overflow series since the start. */
    long overflowSpans() {
        return overflowSpans;
    }

    /**
     * Writes every series (cumulative); {@value #FAILED_TOTAL} only once an edge has failed, as
     * Tempo's registry creates a series on its first increment.
     */
    void writeTo(SampleOut out) {
        if (!edges.isEmpty()) {
            out.metadata(REQUEST_TOTAL, "counter", "Requests between two services", "");
            out.metadata(FAILED_TOTAL, "counter", "Failed requests between two services", "");
            out.metadata(SERVER_SECONDS, "histogram", "Request durations as the server saw them", "seconds");
            out.metadata(CLIENT_SECONDS, "histogram", "Request durations as the client saw them", "seconds");
        }
        for (Map.Entry<DerivedLabels, EdgeSeries> entry : edges.entrySet()) {
            EdgeSeries series = entry.getValue();
            boolean fresh = series.exemplarFresh;
            series.exemplarFresh = false;
            boolean first = !series.written;
            series.written = true;
            out.counter(REQUEST_TOTAL, entry.getKey(), series.requests, null, first);
            if (series.failed > 0) {
                out.counter(FAILED_TOTAL, entry.getKey(), series.failed, null, !series.failedWritten);
                series.failedWritten = true;
            }
            out.histogram(SERVER_SECONDS, entry.getKey(), series.server, le,
                    fresh ? new SampleOut.Exemplar(series.traceId, "", series.serverSeconds) : null, first);
            out.histogram(CLIENT_SECONDS, entry.getKey(), series.client, le,
                    fresh ? new SampleOut.Exemplar(series.traceId, "", series.clientSeconds) : null, first);
        }
        counters(out, UNPAIRED_TOTAL, "Span halves that expired before their other half arrived", unpaired);
        counters(out, DROPPED_TOTAL, "Span halves dropped because the pairing store was full", dropped);
    }

    private static void counters(SampleOut out, String name, String help, Map<DerivedLabels, long[]> family) {
        if (family.isEmpty()) {
            return;
        }
        out.metadata(name, "counter", help, "");
        for (Map.Entry<DerivedLabels, long[]> entry : family.entrySet()) {
            long[] counter = entry.getValue();
            out.counter(name, entry.getKey(), counter[0], null, counter[1] == 0);
            counter[1] = 1;
        }
    }
}
