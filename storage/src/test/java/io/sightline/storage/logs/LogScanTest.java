package io.sightline.storage.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.sightline.storage.ManualClock;
import io.sightline.storage.tsdb.LabelMatcher;
import io.sightline.storage.tsdb.Labels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data-driven scans over one real store: records with known bodies, each case a scan and the
 * bodies it must return, in order. Every case also runs as a sample scan, which must hand out the
 * same times, streams and sizes.
 */
class LogScanTest {
    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    static final long MIDNIGHT = nanos(Instant.parse("2026-11-29T00:00:00Z"));
    static final String LONG_WORD = "x".repeat(253) + "needle";

    @TempDir
    static Path dir;
    static LuceneLogStore store;

    @BeforeAll
    static void fill() {
        store = LuceneLogStore.open(new LogStoreConfig(dir, Duration.ofMinutes(10), Duration.ofMinutes(10), 2, 16,
                Duration.ofDays(7), 0), new ManualClock(NOW));
        Map<String, Object> r1 = Map.of("host.name", "node-1", "k8s.namespace.name", "shop", "service.namespace", "prod");
        Map<String, Object> r2 = Map.of("host.name", "node-2", "1st-key", "x", "a.b", "first", "a_b", "second");
        Map<String, Object> r3 = Map.of();
        Map<String, Object> r4 = Map.of("service_name", "override", "level", "custom", "job", "myjob");
        store.append(1, List.of(
                record(-50, r1, "checkout", 9, "INFO", "order 1234 accepted for user alice"),
                record(-40, r1, "checkout", 17, "ERROR", "payment gateway Timeout after 3000ms"),
                record(-30, r1, "checkout", 13, "WARN", "retrying request_id=abc-123 (attempt 2)")));
        store.append(2, List.of(
                record(-20, r2, "inventory", 0, "warning", "stock low: sku=42; level=low"),
                record(-10, r2, "inventory", 0, "", "Ünïcödé straße naïve café 東京")));
        store.append(3, List.of(record(-5, r3, "", 21, "", "kernel: timeout.waiting for x.y.z")));
        store.append(4, List.of(record(-5, r4, "api", 5, "debug", "GET /api/v1/orders/77 HTTP/1.1 200")));
        store.append(5, List.of(record(-3, r3, "", 0, "", LONG_WORD + " end")));
        store.append(6, List.of(
                recordAt(nanos(NOW.minus(Duration.ofDays(1))), r1, "checkout", 9, "INFO", "yesterday order shipped"),
                recordAt(MIDNIGHT, r1, "checkout", 9, "INFO", "midnight rollover"),
                recordAt(MIDNIGHT - 1, r1, "checkout", 9, "INFO", "last of the 28th")));
        store.refresh();
    }

    @AfterAll
    static void close() {
        store.close();
    }

    record Case(String name, LogScan scan, List<String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(backward("every stream, newest first", List.of(), List.of(),
                LONG_WORD + " end", "GET /api/v1/orders/77 HTTP/1.1 200", "kernel: timeout.waiting for x.y.z",
                "Ünïcödé straße naïve café 東京", "stock low: sku=42; level=low", "retrying request_id=abc-123 (attempt 2)",
                "payment gateway Timeout after 3000ms", "order 1234 accepted for user alice", "midnight rollover",
                "last of the 28th", "yesterday order shipped"));
        // Line filters: exact substring semantics, whatever the tokens.
        cases.add(backward("contains is case-sensitive", List.of(), List.of(LineFilter.contains("Timeout")),
                "payment gateway Timeout after 3000ms"));
        cases.add(backward("contains, lower case", List.of(), List.of(LineFilter.contains("timeout")),
                "kernel: timeout.waiting for x.y.z"));
        cases.add(backward("substring across a token boundary", List.of(), List.of(LineFilter.contains("eout aft")),
                "payment gateway Timeout after 3000ms"));
        cases.add(backward("partial tokens at both ends", List.of(), List.of(LineFilter.contains("ymen")),
                "payment gateway Timeout after 3000ms"));
        cases.add(backward("punctuation", List.of(), List.of(LineFilter.contains("request_id=abc")),
                "retrying request_id=abc-123 (attempt 2)"));
        cases.add(backward("punctuation inside a token", List.of(), List.of(LineFilter.contains("x.y")),
                "kernel: timeout.waiting for x.y.z"));
        cases.add(backward("whole tokens between hard boundaries", List.of(), List.of(LineFilter.contains("/api/v1/")),
                "GET /api/v1/orders/77 HTTP/1.1 200"));
        cases.add(backward("unicode", List.of(), List.of(LineFilter.contains("straße")), "Ünïcödé straße naïve café 東京"));
        cases.add(backward("unicode, upper case", List.of(), List.of(LineFilter.contains("Ünï")), "Ünïcödé straße naïve café 東京"));
        cases.add(backward("unicode differs in case", List.of(), List.of(LineFilter.contains("ünï"))));
        cases.add(backward("ideographs", List.of(), List.of(LineFilter.contains("東京")), "Ünïcödé straße naïve café 東京"));
        cases.add(backward("a word over 255 chars cut by the tokenizer", List.of(), List.of(LineFilter.contains("needle")),
                LONG_WORD + " end"));
        cases.add(backward("or alternatives", List.of(), List.of(LineFilter.contains("alice", "sku")),
                "stock low: sku=42; level=low", "order 1234 accepted for user alice"));
        cases.add(backward("two filters, both apply", List.of(), List.of(LineFilter.contains("order"), LineFilter.contains("77")),
                "GET /api/v1/orders/77 HTTP/1.1 200"));
        cases.add(backward("not contains", List.of(eq("service_name", "checkout")), List.of(LineFilter.notContains("order")),
                "retrying request_id=abc-123 (attempt 2)", "payment gateway Timeout after 3000ms", "midnight rollover",
                "last of the 28th"));
        cases.add(backward("not contains, or: contains none", List.of(eq("service_name", "checkout")),
                List.of(LineFilter.notContains("order", "Timeout", "midnight", "28th")),
                "retrying request_id=abc-123 (attempt 2)"));
        cases.add(backward("empty needle keeps every line", List.of(eq("service_name", "inventory")), List.of(LineFilter.contains("")),
                "Ünïcödé straße naïve café 東京", "stock low: sku=42; level=low"));
        cases.add(backward("regex, case-insensitive", List.of(), List.of(LineFilter.regex("(?i)timeout")),
                "kernel: timeout.waiting for x.y.z", "payment gateway Timeout after 3000ms"));
        cases.add(backward("regex with a class", List.of(), List.of(LineFilter.regex("attempt \\d")),
                "retrying request_id=abc-123 (attempt 2)"));
        cases.add(backward("regex alternation", List.of(), List.of(LineFilter.regex("sku=4[0-9]|alice$")),
                "stock low: sku=42; level=low", "order 1234 accepted for user alice"));
        cases.add(backward("regex is unanchored", List.of(), List.of(LineFilter.regex("gate")),
                "payment gateway Timeout after 3000ms"));
        cases.add(backward("not regex", List.of(eq("job", "myjob")), List.of(LineFilter.notRegex("^GET"))));
        cases.add(backward("not regex keeps others", List.of(eq("service_name", "override")), List.of(LineFilter.notRegex("^POST")),
                "GET /api/v1/orders/77 HTTP/1.1 200"));
        // Matchers, on every kind of label.
        cases.add(backward("resource label =", List.of(eq("host_name", "node-2")), List.of(),
                "Ünïcödé straße naïve café 東京", "stock low: sku=42; level=low"));
        cases.add(backward("resource label != matches streams lacking it", List.of(ne("host_name", "node-1")), List.of(),
                LONG_WORD + " end", "GET /api/v1/orders/77 HTTP/1.1 200", "kernel: timeout.waiting for x.y.z",
                "Ünïcödé straße naïve café 東京", "stock low: sku=42; level=low"));
        cases.add(backward("resource label =~", List.of(re("host_name", "node-[2-9]")), List.of(),
                "Ünïcödé straße naïve café 東京", "stock low: sku=42; level=low"));
        cases.add(backward("resource label !~", List.of(nre("host_name", "node-.*")), List.of(),
                LONG_WORD + " end", "GET /api/v1/orders/77 HTTP/1.1 200", "kernel: timeout.waiting for x.y.z"));
        cases.add(backward("sanitised names; the first key in order wins", List.of(eq("a_b", "first"), eq("_1st_key", "x")), List.of(),
                "Ünïcödé straße naïve café 東京", "stock low: sku=42; level=low"));
        cases.add(backward("empty service is unknown_service", List.of(eq("service_name", "unknown_service")), List.of(),
                LONG_WORD + " end", "kernel: timeout.waiting for x.y.z"));
        cases.add(backward("job from namespace and service", List.of(eq("job", "prod/checkout"), eq("k8s_namespace_name", "shop")),
                List.of(LineFilter.contains("a")), "retrying request_id=abc-123 (attempt 2)",
                "payment gateway Timeout after 3000ms", "order 1234 accepted for user alice", "last of the 28th",
                "yesterday order shipped"));
        cases.add(backward("resource attributes win over derived labels",
                List.of(eq("service_name", "override"), eq("job", "myjob"), eq("level", "custom")), List.of(),
                "GET /api/v1/orders/77 HTTP/1.1 200"));
        cases.add(backward("no derived level under a resource level", List.of(eq("level", "debug")), List.of()));
        cases.add(backward("level from number, and from text when the number is 0", List.of(eq("level", "warn")), List.of(),
                "stock low: sku=42; level=low", "retrying request_id=abc-123 (attempt 2)"));
        cases.add(backward("level unknown", List.of(eq("level", "unknown")), List.of(),
                LONG_WORD + " end", "Ünïcödé straße naïve café 東京"));
        cases.add(backward("level regex", List.of(re("level", "fatal|error")), List.of(),
                "kernel: timeout.waiting for x.y.z", "payment gateway Timeout after 3000ms"));
        cases.add(backward("severity_text", List.of(eq("severity_text", "warning")), List.of(), "stock low: sku=42; level=low"));
        cases.add(backward("severity_text absent", List.of(eq("severity_text", ""), ne("service_name", "unknown_service")), List.of(),
                "Ünïcödé straße naïve café 東京"));
        cases.add(backward("no stream matches", List.of(eq("host_name", "nowhere")), List.of()));
        // Directions, limits, ties, partitions.
        cases.add(new Case("forward with a limit", scan(List.of(eq("service_name", "checkout")), List.of(),
                LogScan.Direction.FORWARD, 2, nanos(NOW) - Duration.ofDays(2).toNanos(), nanos(NOW) + 60_000_000_000L),
                List.of("yesterday order shipped", "last of the 28th")));
        cases.add(new Case("backward with a limit", scan(List.of(eq("service_name", "checkout")), List.of(),
                LogScan.Direction.BACKWARD, 2, nanos(NOW) - Duration.ofDays(2).toNanos(), nanos(NOW) + 60_000_000_000L),
                List.of("retrying request_id=abc-123 (attempt 2)", "payment gateway Timeout after 3000ms")));
        cases.add(new Case("ties in time: the later WAL entry first, backward", scan(List.of(), List.of(),
                LogScan.Direction.BACKWARD, 3, 0, nanos(NOW)),
                List.of(LONG_WORD + " end", "GET /api/v1/orders/77 HTTP/1.1 200", "kernel: timeout.waiting for x.y.z")));
        cases.add(new Case("ties in time: the earlier WAL entry first, forward", scan(List.of(), List.of(),
                LogScan.Direction.FORWARD, 2, nanos(NOW) - 5_000_000_000L, nanos(NOW)),
                List.of("kernel: timeout.waiting for x.y.z", "GET /api/v1/orders/77 HTTP/1.1 200")));
        cases.add(new Case("end is exclusive", scan(List.of(), List.of(), LogScan.Direction.FORWARD, 0,
                nanos(NOW) - 50_000_000_000L, nanos(NOW) - 40_000_000_000L), List.of("order 1234 accepted for user alice")));
        cases.add(new Case("the first nanosecond of a day", scan(List.of(), List.of(), LogScan.Direction.FORWARD, 0,
                MIDNIGHT, MIDNIGHT + 1), List.of("midnight rollover")));
        cases.add(new Case("the last nanosecond of a day", scan(List.of(), List.of(), LogScan.Direction.FORWARD, 0,
                MIDNIGHT - 1, MIDNIGHT), List.of("last of the 28th")));
        cases.add(new Case("across midnight, forward", scan(List.of(), List.of(), LogScan.Direction.FORWARD, 0,
                MIDNIGHT - 1, MIDNIGHT + 1), List.of("last of the 28th", "midnight rollover")));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void scanReturnsExactlyTheMatchingRecordsInOrder(Case c) {
        List<String> bodies = new ArrayList<>();
        List<String> samples = new ArrayList<>();
        List<String> expectedSamples = new ArrayList<>();
        LogScanStats stats = store.scan(c.scan(), (stream, record) -> {
            assertThat(stream).isEqualTo(LogStreams.labels(record));
            bodies.add(record.body());
            expectedSamples.add(stream + "@" + record.effectiveTimeNanos() + "/" + LogFields.utf8Length(record.body()));
            return true;
        });
        assertThat(bodies).containsExactlyElementsOf(c.expected());
        assertThat(stats.matched()).isEqualTo(c.expected().size());
        assertThat(stats.candidates()).isGreaterThanOrEqualTo(stats.matched());
        store.scanSamples(c.scan(), (stream, time, bytes) -> samples.add(stream + "@" + time + "/" + bytes));
        assertThat(samples).containsExactlyInAnyOrderElementsOf(expectedSamples);
    }

    static Case backward(String name, List<LabelMatcher> matchers, List<LineFilter> filters, String... expected) {
        return new Case(name, scan(matchers, filters, LogScan.Direction.BACKWARD, 0,
                nanos(NOW) - Duration.ofDays(2).toNanos(), nanos(NOW) + 60_000_000_000L), List.of(expected));
    }

    static LogScan scan(List<LabelMatcher> matchers, List<LineFilter> filters, LogScan.Direction direction, int limit,
                        long start, long end) {
        return new LogScan(start, end, matchers, filters, direction, limit, Duration.ofSeconds(30));
    }

    static LabelMatcher eq(String name, String value) {
        return LabelMatcher.of(LabelMatcher.Type.EQUAL, name, value);
    }

    static LabelMatcher ne(String name, String value) {
        return LabelMatcher.of(LabelMatcher.Type.NOT_EQUAL, name, value);
    }

    static LabelMatcher re(String name, String value) {
        return LabelMatcher.of(LabelMatcher.Type.REGEX, name, value);
    }

    static LabelMatcher nre(String name, String value) {
        return LabelMatcher.of(LabelMatcher.Type.NOT_REGEX, name, value);
    }

    static LogRecord record(int secondsFromNow, Map<String, Object> resource, String service, int severity, String text,
                            String body) {
        return recordAt(nanos(NOW) + secondsFromNow * 1_000_000_000L, resource, service, severity, text, body);
    }

    static LogRecord recordAt(long nanos, Map<String, Object> resource, String service, int severity, String text,
                              String body) {
        return new LogRecord(nanos, nanos, severity, text, body, service, resource, "", "", Map.of(), "", "", 0);
    }

    static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    static Labels labels(String... namesAndValues) {
        return Labels.of(namesAndValues);
    }
}
