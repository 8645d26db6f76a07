package io.sightline.query.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import io.sightline.query.traces.traceql.TraceqlQuery;
import io.sightline.storage.traces.SpanRecord;
import io.sightline.storage.traces.TraceSearchException;
import org.junit.jupiter.api.Test;

/**
 * {@link TraceqlEngine} over an {@link InMemoryTraceQuerier}: seeded random traces and queries, the
 * engine's answer (store push-down, then exact evaluation) against evaluating every trace directly,
 * which holds only if the push-down never drops a match. Replay with {@code -Dtests.seed=}.
 */
class TraceqlEngineTest {
    private static final long BASE = 1_700_000_000_000_000_000L;
    private static final String[] NAMES = {"GET /a", "GET /b", "charge", "query"};
    private static final String[] SERVICES = {"web", "pay", "db"};
    private static final String[] KINDS = {"server", "client", "internal"};
    private static final String[] STATUSES = {"ok", "error", "unset"};

    @Test
    void answersAsDirectEvaluationOfEveryTrace() {
        long seed = Long.getLong("tests.seed", System.nanoTime());
        System.out.println("TraceqlEngineTest seed: " + seed + " (replay with -Dtests.seed=" + seed + ")");
        Random random = new Random(seed);
        InMemoryTraceQuerier store = new InMemoryTraceQuerier();
        List<List<SpanRecord>> traces = new ArrayList<>();
        for (int t = 0; t < 60; t++) {
            List<SpanRecord> trace = randomTrace(random, String.format("%032x", t + 1), BASE + t * 1_000_000_000L);
            traces.add(trace);
            store.add(trace);
        }
        TraceqlEngine engine = new TraceqlEngine(store, TraceSearchConfig.defaults(), System::nanoTime);
        long start = BASE + 5 * 1_000_000_000L;
        long end = BASE + 50 * 1_000_000_000L;
        for (int round = 0; round < 300; round++) {
            String text = randomQuery(random, 0);
            TraceqlQuery query = engine.parse(text);
            int limit = 1 + random.nextInt(30);
            List<String> got = engine.search(new TraceqlEngine.Request(query, start, end, Duration.ZERO, Duration.ZERO, limit))
                    .traces().stream().map(m -> m.summary().traceId()).toList();
            List<String> want = traces.stream()
                    .filter(trace -> trace.stream().anyMatch(s -> s.startNanos() >= start && s.startNanos() < end))
                    .sorted(Comparator.comparingLong((List<SpanRecord> trace) ->
                            trace.stream().mapToLong(SpanRecord::startNanos).min().orElseThrow()).reversed())
                    .filter(trace -> !query.matchedSpans(trace.stream()
                            .filter(s -> s.startNanos() >= start && s.startNanos() < end).toList()).isEmpty())
                    .limit(limit)
                    .map(trace -> trace.getFirst().traceId())
                    .toList();
            assertThat(got).as("seed %d query %s", seed, text).isEqualTo(want);
        }
    }

    @Test
    void stopsAtTheTimeoutOnItsClock() {
        InMemoryTraceQuerier store = new InMemoryTraceQuerier();
        for (int t = 0; t < 3; t++) {
            store.add(List.of(SpanLines.parse("r name=\"x\" service=web start=" + t + " dur=1",
                    String.format("%032x", t + 1), BASE)));
        }
        AtomicLong now = new AtomicLong();
        TraceSearchConfig config = new TraceSearchConfig(10, 10, Duration.ofSeconds(1), 1000, 10);
        // Each reading of the clock moves it 600 ms: the second candidate is past the second.
        TraceqlEngine engine = new TraceqlEngine(store, config, () -> now.getAndAdd(600_000_000L));
        assertThatThrownBy(() -> engine.search(new TraceqlEngine.Request(engine.parse("{ name != \"nope\" }"),
                BASE, BASE + 10_000_000_000L, Duration.ZERO, Duration.ZERO, 5)))
                .isInstanceOf(TraceSearchException.class)
                .hasMessageContaining("timed out")
                .extracting(e -> ((TraceSearchException) e).limit()).isEqualTo("timeout");
    }

    @Test
    void reportsTruncationWhenTheCandidateBoundIsReached() {
        InMemoryTraceQuerier store = new InMemoryTraceQuerier();
        for (int t = 0; t < 5; t++) {
            store.add(List.of(SpanLines.parse("r name=\"" + (t == 0 ? "old" : "new") + "\" service=web start=" + t
                    + " dur=1", String.format("%032x", t + 1), BASE)));
        }
        TraceqlEngine engine = new TraceqlEngine(store, new TraceSearchConfig(3, 10, Duration.ofSeconds(5), 1000, 10),
                System::nanoTime);
        TraceqlEngine.Result result = engine.search(new TraceqlEngine.Request(engine.parse("{ name =~ \"old|new\" }"),
                BASE, BASE + 10_000_000_000L, Duration.ZERO, Duration.ZERO, 10));
        assertThat(result.traces()).hasSize(3);
        assertThat(result.inspectedTraces()).isEqualTo(3);
        assertThat(result.truncated()).isTrue();
        assertThat(store.searches.getLast().limit()).isEqualTo(3);
    }

    private static List<SpanRecord> randomTrace(Random random, String traceId, long base) {
        List<SpanRecord> out = new ArrayList<>();
        int n = 1 + random.nextInt(8);
        for (int i = 0; i < n; i++) {
            StringBuilder line = new StringBuilder("s" + i);
            if (i > 0) {
                line.append(" parent=s").append(random.nextInt(i));
            }
            line.append(" name=\"").append(pick(random, NAMES)).append('"')
                    .append(" service=").append(pick(random, SERVICES))
                    .append(" kind=").append(pick(random, KINDS))
                    .append(" status=").append(pick(random, STATUSES))
                    .append(" start=").append(random.nextInt(500))
                    .append(" dur=").append(random.nextInt(300));
            if (random.nextBoolean()) {
                line.append(" span.code=").append(200 + 100 * random.nextInt(4));
            }
            if (random.nextBoolean()) {
                line.append(" span.hit=").append(random.nextBoolean());
            }
            if (random.nextBoolean()) {
                line.append(" resource.env=\"").append(random.nextBoolean() ? "prod" : "dev").append('"');
            }
            out.add(SpanLines.parse(line.toString(), traceId, base));
        }
        return out;
    }

    private static String randomQuery(Random random, int depth) {
        int choice = depth > 2 ? 0 : random.nextInt(6);
        return switch (choice) {
            case 0, 1 -> "{ " + randomCondition(random, 0) + " }";
            case 2 -> randomQuery(random, depth + 1) + " && " + randomQuery(random, depth + 1);
            case 3 -> randomQuery(random, depth + 1) + " || " + randomQuery(random, depth + 1);
            case 4 -> "(" + randomQuery(random, depth + 1) + ") > (" + randomQuery(random, depth + 1) + ")";
            default -> "(" + randomQuery(random, depth + 1) + ") >> (" + randomQuery(random, depth + 1) + ")";
        };
    }

    private static String randomCondition(Random random, int depth) {
        int choice = depth > 1 ? 2 + random.nextInt(8) : random.nextInt(10);
        return switch (choice) {
            case 0 -> "(" + randomCondition(random, depth + 1) + " && " + randomCondition(random, depth + 1) + ")";
            case 1 -> "(" + randomCondition(random, depth + 1) + " || " + randomCondition(random, depth + 1) + ")";
            case 2 -> "name " + pick(random, new String[] {"=", "!="}) + " \"" + pick(random, NAMES) + "\"";
            case 3 -> "resource.service.name = \"" + pick(random, SERVICES) + "\"";
            case 4 -> "kind = " + pick(random, KINDS);
            case 5 -> "status " + pick(random, new String[] {"=", "!="}) + " " + pick(random, STATUSES);
            case 6 -> "duration " + pick(random, new String[] {">", ">=", "<", "<=", "="}) + " " + random.nextInt(300) + "ms";
            case 7 -> "span.code " + pick(random, new String[] {"=", "!=", ">", "<="}) + " " + (200 + 100 * random.nextInt(4));
            case 8 -> ".hit = " + random.nextBoolean();
            default -> pick(random, new String[] {".env", "resource.env", "span.env"}) + " = \""
                    + (random.nextBoolean() ? "prod" : "dev") + "\"";
        };
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
