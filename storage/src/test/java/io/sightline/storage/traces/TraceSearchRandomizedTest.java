package io.sightline.storage.traces;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

import io.sightline.storage.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trace search against a brute-force model of its semantics (one span meets every span condition,
 * trace duration over every stored span, newest first by trace start) on random spans around a
 * midnight, appended in random order over several refreshes and commits. Replay a failure with
 * {@code -Dtests.seed=<seed>}.
 */
class TraceSearchRandomizedTest {
    private static final Instant MIDNIGHT = Instant.parse("2026-11-29T00:00:00Z");
    private static final String[] SERVICES = {"frontend", "checkout", "payments", "db"};
    private static final String[] NAMES = {"GET /", "POST /pay", "SELECT", "render", "queue"};
    private static final String[] ROUTES = {"/a", "/b", "/c"};
    private static final String[] USERS = {"u1", "u2", "u3", "u4", "u5"};

    @TempDir
    Path dir;

    @Test
    void searchesAgreeWithBruteForce() {
        long seed = Long.getLong("tests.seed", System.nanoTime());
        System.out.println("TraceSearchRandomizedTest seed: " + seed + " (replay with -Dtests.seed=" + seed + ")");
        SplittableRandom random = new SplittableRandom(seed);
        List<SpanRecord> all = spans(random);
        List<SpanRecord> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new java.util.Random(random.nextLong()));
        TraceStoreConfig defaults = TraceStoreConfig.defaults(dir);
        TraceStoreConfig config = new TraceStoreConfig(dir, Duration.ofHours(1), Duration.ofHours(1), 16, 1_000,
                Duration.ofDays(30), 0, Set.of("http.route", "http.status_code"), Set.of("deployment.environment"),
                defaults.catalogue(), defaults.searchMaxPartsRead(), defaults.searchMaxDuration(), random.nextBoolean());
        try (LuceneTraceStore store = LuceneTraceStore.open(config, new ManualClock(MIDNIGHT.plus(Duration.ofDays(2))))) {
            int wal = 0;
            for (int from = 0; from < shuffled.size(); ) {
                int to = Math.min(shuffled.size(), from + 1 + random.nextInt(60));
                store.append(++wal, shuffled.subList(from, to));
                from = to;
                switch (random.nextInt(4)) {
                    case 0 -> store.refresh();
                    case 1 -> store.commit();
                    default -> { }
                }
            }
            store.refresh();
            int answered = 0;
            for (int q = 0; q < 300; q++) {
                TraceSearch search = search(random);
                List<TraceSummary> expected = expected(all, search);
                assertThat(store.search(search)).as("%s (seed %s)", search, seed).isEqualTo(expected);
                answered += expected.isEmpty() ? 0 : 1;
            }
            assertThat(answered).as("searches with traces to find (seed %s)", seed).isGreaterThan(60);
            for (int i = 0; i < 20; i++) {
                String traceId = all.get(random.nextInt(all.size())).traceId();
                List<SpanRecord> expected = all.stream().filter(s -> s.traceId().equals(traceId))
                        .sorted(TraceLookup.BY_START).toList();
                assertThat(store.trace(traceId, 0, Long.MAX_VALUE)).as("trace %s (seed %s)", traceId, seed)
                        .usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(expected);
            }
        }
    }

    @Test
    void durationBucketsAreMonotone() {
        long seed = Long.getLong("tests.seed", System.nanoTime());
        System.out.println("durationBucketsAreMonotone seed: " + seed + " (replay with -Dtests.seed=" + seed + ")");
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 100_000; i++) {
            long a = random.nextLong(1L << random.nextInt(1, 63));
            long b = a + random.nextLong(1L << random.nextInt(1, 40));
            assertThat(TraceFields.durationBucket(a)).as("%d <= %d (seed %s)", a, b, seed)
                    .isLessThanOrEqualTo(TraceFields.durationBucket(b));
        }
        assertThat(TraceFields.durationBucket(Long.MAX_VALUE)).isLessThanOrEqualTo(TraceFields.MAX_DURATION_BUCKET);
    }

    private static List<SpanRecord> spans(SplittableRandom random) {
        List<SpanRecord> spans = new ArrayList<>();
        List<Map<String, Object>> resources = List.of(
                Map.of("deployment.environment", "prod", "host.name", "h1"),
                Map.of("deployment.environment", "prod", "host.name", "h2"),
                Map.of("deployment.environment", "dev", "host.name", "h3"),
                Map.of());
        long base = Spans.nanos(MIDNIGHT) - Duration.ofHours(4).toNanos();
        for (int t = 0; t < 250; t++) {
            String traceId = Spans.traceId(t);
            long start = base + random.nextLong(Duration.ofHours(8).toNanos());
            int count = 1 + random.nextInt(6);
            String parent = "";
            for (int s = 0; s < count; s++) {
                boolean root = s == 0 && random.nextInt(5) > 0;
                Map<String, Object> attributes = new LinkedHashMap<>();
                if (random.nextBoolean()) {
                    attributes.put("http.route", ROUTES[random.nextInt(ROUTES.length)]);
                }
                if (random.nextBoolean()) {
                    attributes.put("user.id", USERS[random.nextInt(USERS.length)]);
                }
                if (random.nextInt(3) == 0) {
                    attributes.put("http.status_code", (long) (random.nextBoolean() ? 200 : 500));
                }
                if (random.nextInt(4) == 0) {
                    attributes.put("ratio", random.nextBoolean() ? 2.0 : 2.5);
                }
                long spanStart = start + random.nextLong(Duration.ofSeconds(3).toNanos());
                long duration = random.nextInt(10) == 0 ? 0 : (long) Math.exp(random.nextDouble(0, Math.log(3e9)));
                String spanId = Spans.spanId(t * 10 + s);
                spans.add(Spans.span(traceId, spanId).parent(root ? "" : s == 0 ? Spans.spanId(9_999) : parent)
                        .service(SERVICES[random.nextInt(SERVICES.length)]).name(NAMES[random.nextInt(NAMES.length)])
                        .kind(random.nextInt(1, 6)).status(random.nextInt(3)).startNanos(spanStart)
                        .duration(Duration.ofNanos(duration)).attributes(attributes)
                        .resource(resources.get(random.nextInt(resources.size()))).build());
                parent = spanId;
            }
        }
        return spans;
    }

    private static TraceSearch search(SplittableRandom random) {
        long base = Spans.nanos(MIDNIGHT) - Duration.ofHours(4).toNanos();
        long start = random.nextBoolean() ? base - 1 : base + random.nextLong(Duration.ofHours(8).toNanos());
        long end = random.nextBoolean() ? base + Duration.ofHours(9).toNanos()
                : start + 1 + random.nextLong(Duration.ofHours(4).toNanos());
        List<TraceSearch.AttributeCondition> attributes = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            TraceSearch.Scope scope = TraceSearch.Scope.values()[random.nextInt(3)];
            attributes.add(switch (random.nextInt(6)) {
                case 0 -> new TraceSearch.AttributeCondition(scope, "http.route", ROUTES[random.nextInt(ROUTES.length)]);
                case 1 -> new TraceSearch.AttributeCondition(scope, "user.id", USERS[random.nextInt(USERS.length)]);
                case 2 -> new TraceSearch.AttributeCondition(scope, "deployment.environment", random.nextBoolean() ? "prod" : "dev");
                case 3 -> new TraceSearch.AttributeCondition(scope, "host.name", "h" + random.nextInt(1, 4));
                case 4 -> new TraceSearch.AttributeCondition(scope, "service.name", SERVICES[random.nextInt(SERVICES.length)]);
                default -> new TraceSearch.AttributeCondition(scope, random.nextBoolean() ? "ratio" : "http.status_code",
                        new String[] {"2", "2.5", "200", "500"}[random.nextInt(4)]);
            });
        }
        return new TraceSearch(start, end,
                random.nextInt(3) == 0 ? Optional.of(SERVICES[random.nextInt(SERVICES.length)]) : Optional.empty(),
                random.nextInt(4) == 0 ? Optional.of(NAMES[random.nextInt(NAMES.length)]) : Optional.empty(),
                random.nextInt(4) == 0 ? OptionalInt.of(random.nextInt(1, 6)) : OptionalInt.empty(),
                random.nextInt(4) == 0 ? OptionalInt.of(random.nextInt(3)) : OptionalInt.empty(),
                attributes, duration(random), duration(random), duration(random), duration(random),
                1 + random.nextInt(30), Duration.ofMinutes(1));
    }

    private static boolean spanMatches(SpanRecord span, TraceSearch search) {
        long duration = span.endNanos() - span.startNanos();
        return span.startNanos() >= search.startNanos() && span.startNanos() < search.endNanos()
                && search.service().map(span.serviceName()::equals).orElse(true)
                && search.operation().map(span.name()::equals).orElse(true)
                && (search.kind().isEmpty() || search.kind().getAsInt() == span.kind())
                && (search.statusCode().isEmpty() || search.statusCode().getAsInt() == span.statusCode())
                && (search.minSpanDuration().isZero() || duration >= search.minSpanDuration().toNanos())
                && (search.maxSpanDuration().isZero() || duration <= search.maxSpanDuration().toNanos())
                && search.attributes().stream().allMatch(condition -> attributeMatches(span, condition));
    }

    private static boolean attributeMatches(SpanRecord span, TraceSearch.AttributeCondition condition) {
        Map<String, Object> resource = new LinkedHashMap<>(span.resource());
        resource.put("service.name", span.serviceName());
        boolean inSpan = condition.value().equals(asText(span.attributes().get(condition.key())));
        boolean inResource = condition.value().equals(asText(resource.get(condition.key())));
        return switch (condition.scope()) {
            case SPAN -> inSpan;
            case RESOURCE -> inResource;
            case ANY -> inSpan || inResource;
        };
    }

    /** The contract's text of a value: longs in decimal, integral doubles as integers. */
    private static String asText(Object value) {
        return switch (value) {
            case null -> null;
            case Double d when d == Math.rint(d) -> Long.toString(d.longValue());
            default -> String.valueOf(value);
        };
    }

    private static Duration duration(SplittableRandom random) {
        return random.nextInt(4) == 0 ? Duration.ofNanos((long) Math.exp(random.nextDouble(0, Math.log(3e9)))) : Duration.ZERO;
    }

    /** The search's answer, worked out over every span with the contract's words, not the store's code. */
    private static List<TraceSummary> expected(List<SpanRecord> all, TraceSearch search) {
        Map<String, List<SpanRecord>> traces = new TreeMap<>();
        for (SpanRecord span : all) {
            traces.computeIfAbsent(span.traceId(), id -> new ArrayList<>()).add(span);
        }
        List<TraceSummary> result = new ArrayList<>();
        for (Map.Entry<String, List<SpanRecord>> trace : traces.entrySet()) {
            List<SpanRecord> spans = trace.getValue().stream().sorted(TraceLookup.BY_START).toList();
            List<String> matched = spans.stream().filter(span -> spanMatches(span, search)).map(SpanRecord::spanId).toList();
            if (matched.isEmpty()) {
                continue;
            }
            long start = spans.stream().mapToLong(SpanRecord::startNanos).min().orElseThrow();
            long end = spans.stream().mapToLong(SpanRecord::endNanos).max().orElseThrow();
            long duration = Math.max(0, end - start);
            if (!search.minTraceDuration().isZero() && duration < search.minTraceDuration().toNanos()
                    || !search.maxTraceDuration().isZero() && duration > search.maxTraceDuration().toNanos()) {
                continue;
            }
            Optional<SpanRecord> root = spans.stream().filter(SpanRecord::isRoot).findFirst();
            Set<String> services = new TreeSet<>();
            spans.forEach(s -> services.add(s.serviceName()));
            result.add(new TraceSummary(trace.getKey(), start, end, root.map(SpanRecord::serviceName).orElse(""),
                    root.map(SpanRecord::name).orElse(""), spans.size(),
                    (int) spans.stream().filter(s -> s.statusCode() == SpanRecord.STATUS_ERROR).count(),
                    List.copyOf(services), matched.subList(0, Math.min(10, matched.size()))));
        }
        result.sort(Comparator.comparingLong(TraceSummary::startNanos).reversed().thenComparing(TraceSummary::traceId));
        return result.size() > search.limit() ? List.copyOf(result.subList(0, search.limit())) : result;
    }
}
