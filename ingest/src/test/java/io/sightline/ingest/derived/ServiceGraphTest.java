package io.sightline.ingest.derived;

import static io.sightline.ingest.derived.Spans.id;
import static io.sightline.ingest.derived.Spans.span;
import static io.sightline.ingest.derived.Spans.trace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;

import io.sightline.storage.traces.SpanRecord;
import org.junit.jupiter.api.Test;

/** Service-graph edges against values computed by hand with Tempo's default buckets (0.1 s … 12.8 s). */
class ServiceGraphTest {
    private static final double[] BOUNDS = DerivedMetricsConfig.DEFAULT_SERVICE_GRAPH_BUCKETS.stream()
            .mapToDouble(Double::doubleValue).toArray();
    private static final String[] LE = {"0.1", "0.2", "0.4", "0.8", "1.6", "3.2", "6.4", "12.8", "+Inf"};
    private static final String EDGE = "client=\"frontend\", server=\"orders\"";

    private static ServiceGraph graph() {
        return new ServiceGraph(100, 10_000, 100, BOUNDS);
    }

    private static RenderedBatch flush(ServiceGraph graph) {
        SampleOut out = new SampleOut();
        out.start(5_000);
        graph.writeTo(out);
        return RenderedBatch.of(out.batch());
    }

    private static SpanRecord client(int trace, int span, int status, double millis) {
        return span("frontend", trace(trace), id(span), id(1), SpanRecord.KIND_CLIENT, status, millis);
    }

    private static SpanRecord server(int trace, int parent, int status, double millis) {
        return span("orders", trace(trace), id(parent + 1000), id(parent), SpanRecord.KIND_SERVER, status, millis);
    }

    /** The histogram's series for labels {@code labels} (with {@code le} in its place), cumulative counts per LE. */
    private static void assertHistogram(Map<String, Double> values, String family, String before, String after,
            double[] cumulative, double sum) {
        for (int i = 0; i < LE.length; i++) {
            String labels = before + (before.isEmpty() ? "" : ", ") + "le=\"" + LE[i] + "\""
                    + (after.isEmpty() ? "" : ", " + after);
            assertThat(values).containsEntry(family + "_bucket{" + labels + "}", cumulative[i]);
        }
        String labels = before + (before.isEmpty() || after.isEmpty() ? "" : ", ") + after;
        assertThat(values).containsEntry(family + "_count{" + labels + "}", cumulative[LE.length - 1]);
        assertThat(values.get(family + "_sum{" + labels + "}")).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void clientAndServerPairInEitherOrderAndAFailedSideFailsTheEdge() {
        ServiceGraph graph = graph();
        // Trace 1: client first (300 ms), then its server (250 ms).
        graph.observe(client(1, 10, SpanRecord.STATUS_UNSET, 300), 0);
        assertThat(graph.pendingEdges()).isEqualTo(1);
        graph.observe(server(1, 10, SpanRecord.STATUS_OK, 250), 1);
        assertThat(graph.pendingEdges()).isZero();
        // Trace 2: server first (1 s, ERROR), then the client (1.2 s).
        graph.observe(server(2, 20, SpanRecord.STATUS_ERROR, 1_000), 2);
        graph.observe(client(2, 20, SpanRecord.STATUS_UNSET, 1_200), 3);
        assertThat(graph.pendingEdges()).isZero();

        RenderedBatch batch = flush(graph);

        assertThat(batch.values()).containsEntry("traces_service_graph_request_total{" + EDGE + "}", 2.0)
                .containsEntry("traces_service_graph_request_failed_total{" + EDGE + "}", 1.0);
        // server: 0.25 s → le 0.4; 1 s → le 1.6.   client: 0.3 s → le 0.4; 1.2 s → le 1.6.
        assertHistogram(batch.values(), "traces_service_graph_request_server_seconds", "client=\"frontend\"",
                "server=\"orders\"", new double[] {0, 0, 1, 1, 2, 2, 2, 2, 2}, 1.25);
        assertHistogram(batch.values(), "traces_service_graph_request_client_seconds", "client=\"frontend\"",
                "server=\"orders\"", new double[] {0, 0, 1, 1, 2, 2, 2, 2, 2}, 1.5);
        assertThat(batch.values()).hasSize(2 + 2 * (LE.length + 2));
        // The newest edge (trace 2) is the exemplar, on the bucket of each side's duration.
        assertThat(batch.exemplars()).containsOnly(
                entry("traces_service_graph_request_server_seconds_bucket{client=\"frontend\", le=\"1.6\", "
                        + "server=\"orders\"}", "{trace_id=\"" + trace(2) + "\"} 1.0 @5000"),
                entry("traces_service_graph_request_client_seconds_bucket{client=\"frontend\", le=\"1.6\", "
                        + "server=\"orders\"}", "{trace_id=\"" + trace(2) + "\"} 1.2 @5000"));
    }

    @Test
    void aSeriesFirstWrittenStartsAtZeroSoThatResetsAndNewSeriesCount() {
        ServiceGraph graph = graph();
        graph.observe(client(1, 10, SpanRecord.STATUS_UNSET, 300), 0);
        graph.observe(server(1, 10, SpanRecord.STATUS_UNSET, 250), 0);
        graph.observe(client(3, 30, SpanRecord.STATUS_UNSET, 300), 0);
        graph.expire(20_000); // trace 3's client half never finds its server: unpaired

        RenderedBatch first = flush(graph);
        // Every series (request, histograms, unpaired) begins with 0 at 4999 ms, then its value at 5000 ms.
        assertThat(first.startedAtZero()).isEqualTo(first.values().keySet());
        assertThat(first.values()).containsKey("traces_service_graph_unpaired_spans_total{client=\"frontend\"}");

        graph.observe(server(2, 20, SpanRecord.STATUS_ERROR, 1_000), 21_000);
        graph.observe(client(2, 20, SpanRecord.STATUS_UNSET, 1_200), 21_000);
        RenderedBatch second = flush(graph);
        // Written before: just the value. The failed series is new now: it starts at 0.
        assertThat(second.startedAtZero()).containsExactly("traces_service_graph_request_failed_total{" + EDGE + "}");
        assertThat(second.values()).containsEntry("traces_service_graph_request_total{" + EDGE + "}", 2.0);
    }

    @Test
    void healthyEdgesHaveNoFailedSeries() {
        ServiceGraph graph = graph();
        graph.observe(client(1, 10, SpanRecord.STATUS_OK, 50), 0);
        graph.observe(server(1, 10, SpanRecord.STATUS_UNSET, 40), 0);
        assertThat(flush(graph).values()).containsEntry("traces_service_graph_request_total{" + EDGE + "}", 1.0)
                .doesNotContainKey("traces_service_graph_request_failed_total{" + EDGE + "}");
    }

    @Test
    void producerAndConsumerAreAMessagingSystemEdge() {
        ServiceGraph graph = graph();
        graph.observe(span("billing", trace(3), id(31), id(30), SpanRecord.KIND_CONSUMER, SpanRecord.STATUS_UNSET, 700), 0);
        graph.observe(span("orders", trace(3), id(30), id(1), SpanRecord.KIND_PRODUCER, SpanRecord.STATUS_UNSET, 5), 1);

        RenderedBatch batch = flush(graph);

        assertThat(batch.values()).containsEntry("traces_service_graph_request_total{client=\"orders\", "
                + "connection_type=\"messaging_system\", server=\"billing\"}", 1.0);
        assertHistogram(batch.values(), "traces_service_graph_request_server_seconds",
                "client=\"orders\", connection_type=\"messaging_system\"", "server=\"billing\"",
                new double[] {0, 0, 0, 1, 1, 1, 1, 1, 1}, 0.7);
    }

    @Test
    void aClientSpanWithADatabaseNameIsADatabaseEdgeAtOnce() {
        ServiceGraph graph = graph();
        graph.observe(span("orders", Map.of(), trace(4), id(40), id(1), "SELECT", SpanRecord.KIND_CLIENT,
                SpanRecord.STATUS_ERROR, 150, Map.of("db.name", "orders_db")), 0);

        assertThat(graph.pendingEdges()).isZero();
        RenderedBatch batch = flush(graph);
        String labels = "client=\"orders\", connection_type=\"database\", server=\"orders_db\"";
        assertThat(batch.values()).containsEntry("traces_service_graph_request_total{" + labels + "}", 1.0)
                .containsEntry("traces_service_graph_request_failed_total{" + labels + "}", 1.0);
        assertHistogram(batch.values(), "traces_service_graph_request_client_seconds",
                "client=\"orders\", connection_type=\"database\"", "server=\"orders_db\"",
                new double[] {0, 1, 1, 1, 1, 1, 1, 1, 1}, 0.15);
    }

    @Test
    void aHalfExpiresAsUnpairedAfterTheWait() {
        ServiceGraph graph = graph();
        graph.observe(client(5, 50, SpanRecord.STATUS_UNSET, 10), 1_000);
        graph.observe(server(6, 60, SpanRecord.STATUS_UNSET, 10), 4_000);

        graph.expire(10_999);
        assertThat(graph.pendingEdges()).isEqualTo(2);
        graph.expire(11_000);
        assertThat(graph.pendingEdges()).isEqualTo(1);
        graph.expire(14_000);
        assertThat(graph.pendingEdges()).isZero();
        // The client's server arrives too late: it waits on its own and pairs with nothing.
        graph.observe(server(5, 50, SpanRecord.STATUS_UNSET, 10), 14_500);

        RenderedBatch batch = flush(graph);
        assertThat(batch.values()).containsOnly(
                entry("traces_service_graph_unpaired_spans_total{client=\"frontend\"}", 1.0),
                entry("traces_service_graph_unpaired_spans_total{server=\"orders\"}", 1.0));
        assertThat(graph.pendingEdges()).isEqualTo(1);
    }

    @Test
    void halvesBeyondMaxItemsAreDroppedAndRootServersAndInternalSpansIgnored() {
        ServiceGraph graph = new ServiceGraph(1, 10_000, 100, BOUNDS);
        graph.observe(span("orders", trace(7), id(70), "", SpanRecord.KIND_SERVER, SpanRecord.STATUS_UNSET, 1), 0);
        graph.observe(span("orders", trace(7), id(71), id(70), SpanRecord.KIND_INTERNAL, SpanRecord.STATUS_UNSET, 1), 0);
        assertThat(graph.pendingEdges()).isZero();

        graph.observe(client(8, 80, SpanRecord.STATUS_UNSET, 1), 0);
        graph.observe(client(8, 81, SpanRecord.STATUS_UNSET, 1), 0);
        graph.observe(span("billing", trace(9), id(91), id(90), SpanRecord.KIND_CONSUMER, SpanRecord.STATUS_UNSET, 1), 0);

        assertThat(flush(graph).values()).containsOnly(
                entry("traces_service_graph_dropped_spans_total{client=\"frontend\"}", 1.0),
                entry("traces_service_graph_dropped_spans_total{connection_type=\"messaging_system\", server=\"billing\"}",
                        1.0));
        assertThat(graph.pendingEdges()).isEqualTo(1);
    }

    @Test
    void edgesBeyondTheSeriesLimitCountInOneOverflowSeries() {
        ServiceGraph graph = new ServiceGraph(100, 10_000, 1, BOUNDS);
        for (int i = 0; i < 3; i++) {
            graph.observe(span("c" + i, trace(i), id(i), id(99), SpanRecord.KIND_CLIENT, SpanRecord.STATUS_UNSET, 1), 0);
            graph.observe(span("s", trace(i), id(i + 10), id(i), SpanRecord.KIND_SERVER, SpanRecord.STATUS_UNSET, 1), 0);
        }

        assertThat(flush(graph).values())
                .containsEntry("traces_service_graph_request_total{client=\"c0\", server=\"s\"}", 1.0)
                .containsEntry("traces_service_graph_request_total{otel_metric_overflow=\"true\"}", 2.0);
        assertThat(graph.overflowSpans()).isEqualTo(2);
    }
}
