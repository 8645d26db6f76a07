package io.sightline.sample.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.sample.load.GeneratedTrace.Kind;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpanBatchGeneratorTest {

    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    static {
        System.out.println("SpanBatchGeneratorTest seed " + SEED + " (replay with -Dtests.seed=" + SEED + ")");
    }

    @Test
    void batchesHoldExactlyTheSpansAskedForInWholeWellFormedTraces() {
        SpanBatchGenerator g = new SpanBatchGenerator(SEED);
        for (int spans : new int[] {1, 2, 3, 4, 5, 12, 13, 500, 1_000}) {
            List<GeneratedTrace> batch = g.batch(spans);
            assertThat(batch.stream().mapToInt(t -> t.spans().size()).sum()).as("seed %d, batch %d", SEED, spans)
                    .isEqualTo(spans);
            batch.forEach(SpanBatchGeneratorTest::assertWellFormed);
        }
    }

    @Test
    void spansLookLikeAShopsTraces() {
        List<GeneratedTrace> traces = new SpanBatchGenerator(SEED).batch(100_000);
        Map<Kind, Integer> kinds = new EnumMap<>(Kind.class);
        Set<String> services = new HashSet<>();
        Set<String> keys = new HashSet<>();
        long spans = 0;
        long attributes = 0;
        long slowFrontend = 0;
        long failed = 0;
        for (GeneratedTrace t : traces) {
            GeneratedTrace.Span root = t.spans().getFirst();
            assertThat(root.service()).isEqualTo(SpanBatchGenerator.FRONTEND);
            if (root.durationNanos() > 500_000_000L) {
                slowFrontend++;
            }
            if (root.error()) {
                failed++;
                assertThat(t.spans()).anySatisfy(s -> {
                    assertThat(s.error()).isTrue();
                    assertThat(s.events()).singleElement().satisfies(e -> assertThat(e.name()).isEqualTo("exception"));
                    assertThat(s.statusMessage()).isNotEmpty();
                });
            }
            for (GeneratedTrace.Span s : t.spans()) {
                spans++;
                attributes += s.attributes().size();
                kinds.merge(s.kind(), 1, Integer::sum);
                services.add(SpanBatchGenerator.SERVICES.get(s.service()));
                s.attributes().forEach(a -> keys.add(a.key()));
            }
        }
        assertThat(services).containsExactlyInAnyOrderElementsOf(SpanBatchGenerator.SERVICES);
        assertThat(kinds).containsOnlyKeys(Kind.values());
        assertThat(attributes / (double) spans).isBetween(14.5, 15.5);
        assertThat(keys).contains("http.request.method", "http.route", "url.path", "http.response.status_code",
                "server.address", "network.peer.address", "user_agent.original", "db.system", "db.statement",
                "rpc.system", "rpc.service", "rpc.method", "messaging.system", "messaging.destination.name",
                "enduser.id", "session.id");
        // minDuration=500ms over the frontend selects about 1% of its traces
        assertThat(slowFrontend / (double) traces.size()).as("seed %d", SEED).isBetween(0.006, 0.015);
        assertThat(failed / (double) traces.size()).as("seed %d", SEED).isBetween(0.01, 0.03);
        assertThat(spans / (double) traces.size()).isBetween(4.5, 7.0);
    }

    @Test
    void theSameSeedGivesTheSameTraces() {
        assertThat(new SpanBatchGenerator(SEED).batch(300)).isEqualTo(new SpanBatchGenerator(SEED).batch(300));
        assertThat(new SpanBatchGenerator(SEED).batch(300)).isNotEqualTo(new SpanBatchGenerator(SEED + 1).batch(300));
    }

    static void assertWellFormed(GeneratedTrace t) {
        assertThat(t.spans().getFirst().parentSpanId()).isZero();
        Set<Long> seen = new HashSet<>();
        long end = 0;
        for (GeneratedTrace.Span s : t.spans()) {
            assertThat(s.spanId()).isNotZero();
            if (s != t.spans().getFirst()) {
                assertThat(seen).as("parent before child").contains(s.parentSpanId());
            }
            assertThat(seen.add(s.spanId())).as("unique span id").isTrue();
            assertThat(s.startOffsetNanos()).isNotNegative();
            assertThat(s.durationNanos()).isGreaterThanOrEqualTo(1_000);
            s.events().forEach(e -> assertThat(e.offsetNanos()).isBetween(s.startOffsetNanos(), s.endOffsetNanos()));
            end = Math.max(end, s.endOffsetNanos());
        }
        assertThat(t.lengthNanos()).isEqualTo(end);
    }
}
