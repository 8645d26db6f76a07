package io.sightline.storage.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import com.google.re2j.Pattern;
import io.sightline.storage.ManualClock;
import io.sightline.storage.tsdb.LabelMatcher;
import io.sightline.storage.tsdb.Labels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random records with words chosen to trouble a tokenizer (punctuation that joins or splits words,
 * case, non-ASCII letters whose case mapping leaves ASCII, ideographs, words over 255 chars), and
 * random scans, each compared with a brute-force evaluation over the records in memory: the index
 * may only narrow down, never change the answer. Also: the sample scan equals the record scan.
 * Replay a failure with {@code -Dtests.seed=<seed>}.
 */
class LogScanRandomizedTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final String[] WORDS = {"Timeout", "timeout", "time", "out", "TIMEOUT", "x.y", "a_b", "don't", "1,000.5",
            "café", "cafe\u0301", "ſtop", "stop", "straße", "STRASSE", "東京", "\u212Aelvin", "kelvin", "İstanbul", "istanbul",
            "=", ":", "/", "-", "user=alice", "id:42", "GET", "/api/v1/orders", "error", "ERROR", "err", "e-mail", "3.14",
            "foo_bar", "foo", "bar", "v1.2.3", "a.b.c", "foo.bar", "x_y_z", "10,5", "l'arbre", "key:value", "ab;cd", "\"quoted\"", "(paren)", "[x]", "tab\there", "line\nbreak", "naïve", "Ünï"};
    private static final Map<String, Object>[] RESOURCES = resources();

    @TempDir
    Path dir;

    record Stored(LogRecord record, long wal, int position, Labels labels) {
    }

    @Test
    void scansEqualBruteForce() {
        long seed = Long.getLong("tests.seed", System.nanoTime());
        System.out.println("LogScanRandomizedTest seed: " + seed + " (replay with -Dtests.seed=" + seed + ")");
        SplittableRandom random = new SplittableRandom(seed);
        List<Stored> all = new ArrayList<>();
        try (LuceneLogStore store = LuceneLogStore.open(new LogStoreConfig(dir, Duration.ofMinutes(10),
                Duration.ofMinutes(10), 2, 16, Duration.ofDays(7), 0), new ManualClock(NOW))) {
            long start = nanos(NOW) - Duration.ofDays(2).toNanos();
            for (long wal = 1; wal <= 80; wal++) {
                List<LogRecord> entry = new ArrayList<>();
                int size = 1 + random.nextInt(200);
                for (int position = 0; position < size; position++) {
                    LogRecord record = randomRecord(random, start);
                    entry.add(record);
                    all.add(new Stored(record, wal, position, LogStreams.labels(record)));
                }
                store.append(wal, entry);
            }
            store.refresh();
            for (int i = 0; i < 100; i++) {
                LogScan scan = randomScan(random, all, start);
                List<String> expected = bruteForce(all, scan);
                List<String> actual = new ArrayList<>();
                store.scan(scan, (stream, record) -> actual.add(describe(stream, record)));
                assertThat(actual).as("scan %s (seed %s)", scan, seed).containsExactlyElementsOf(expected);
                List<String> samples = new ArrayList<>();
                store.scanSamples(scan, (stream, time, bytes) -> samples.add(stream + "@" + time));
                assertThat(samples).as("samples of %s (seed %s)", scan, seed)
                        .containsExactlyInAnyOrderElementsOf(expected.stream().map(e -> e.substring(0, e.indexOf('|'))).toList());
            }
        }
    }

    private static List<String> bruteForce(List<Stored> all, LogScan scan) {
        Comparator<Stored> order = Comparator.<Stored>comparingLong(s -> s.record().effectiveTimeNanos())
                .thenComparingLong(Stored::wal).thenComparingInt(Stored::position);
        if (scan.direction() == LogScan.Direction.BACKWARD) {
            order = order.reversed();
        }
        Map<String, Pattern> patterns = new java.util.HashMap<>();
        return all.stream()
                .filter(s -> s.record().effectiveTimeNanos() >= scan.startNanos() && s.record().effectiveTimeNanos() < scan.endNanos())
                .filter(s -> scan.matchers().stream().allMatch(m -> m.matches(s.labels().get(m.name()))))
                .filter(s -> scan.lineFilters().stream().allMatch(f -> passes(f, s.record().body(), patterns)))
                .sorted(order)
                .limit(scan.limit() == 0 ? Long.MAX_VALUE : scan.limit())
                .map(s -> describe(s.labels(), s.record()))
                .toList();
    }

    private static boolean passes(LineFilter filter, String body, Map<String, Pattern> patterns) {
        boolean any = false;
        for (String value : filter.values()) {
            any |= switch (filter.type()) {
                case CONTAINS, NOT_CONTAINS -> body.contains(value);
                case REGEX, NOT_REGEX -> patterns.computeIfAbsent(value, Pattern::compile).matcher(body).find();
            };
        }
        return filter.type() == LineFilter.Type.NOT_CONTAINS || filter.type() == LineFilter.Type.NOT_REGEX ? !any : any;
    }

    private static String describe(Labels stream, LogRecord record) {
        return stream + "@" + record.effectiveTimeNanos() + "|" + record.body();
    }

    private static LogScan randomScan(SplittableRandom random, List<Stored> all, long start) {
        long span = Duration.ofDays(2).toNanos() + Duration.ofHours(1).toNanos();
        long from = random.nextInt(4) == 0 ? start : start + random.nextLong(span);
        long to = random.nextInt(4) == 0 ? start + span : from + random.nextLong(span);
        List<LabelMatcher> matchers = new ArrayList<>();
        if (random.nextBoolean()) {
            Labels labels = all.get(random.nextInt(all.size())).labels();
            String name = labels.name(random.nextInt(labels.size()));
            LabelMatcher.Type type = LabelMatcher.Type.values()[random.nextInt(4)];
            String value = type == LabelMatcher.Type.REGEX || type == LabelMatcher.Type.NOT_REGEX
                    ? Pattern.quote(labels.get(name)) + "|x" : labels.get(name);
            matchers.add(LabelMatcher.of(type, name, value));
        }
        List<LineFilter> filters = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            filters.add(randomFilter(random, all));
        }
        int[] limits = {0, 1, 5, 100, 300};
        return new LogScan(from, Math.max(from, to), matchers, filters,
                random.nextBoolean() ? LogScan.Direction.FORWARD : LogScan.Direction.BACKWARD,
                limits[random.nextInt(limits.length)], Duration.ofMinutes(1));
    }

    private static LineFilter randomFilter(SplittableRandom random, List<Stored> all) {
        List<String> values = new ArrayList<>();
        for (int i = random.nextInt(4) == 0 ? 2 : 1; i > 0; i--) {
            values.add(randomNeedle(random, all));
        }
        LineFilter.Type type = LineFilter.Type.values()[random.nextInt(4)];
        if (type == LineFilter.Type.REGEX || type == LineFilter.Type.NOT_REGEX) {
            values = values.stream().map(needle -> regexOf(random, needle)).toList();
        }
        return new LineFilter(type, values);
    }

    /** A substring of some body (often across token boundaries), sometimes in another case, or a word. */
    private static String randomNeedle(SplittableRandom random, List<Stored> all) {
        if (random.nextInt(5) == 0) {
            return WORDS[random.nextInt(WORDS.length)];
        }
        String body = all.get(random.nextInt(all.size())).record().body();
        int from = random.nextInt(body.length());
        if (random.nextBoolean()) {
            // Start at punctuation: the needle's first token then ends or starts mid-word in the line.
            int[] marks = java.util.stream.IntStream.range(0, body.length())
                    .filter(i -> !Character.isLetterOrDigit(body.charAt(i)) && body.charAt(i) != ' ').toArray();
            from = marks.length == 0 ? from : marks[random.nextInt(marks.length)];
        }
        String needle = body.substring(from, Math.min(body.length(), from + 1 + random.nextInt(12)));
        if (Character.isLowSurrogate(needle.charAt(0)) || Character.isHighSurrogate(needle.charAt(needle.length() - 1))) {
            return "foo";
        }
        return random.nextInt(6) == 0 ? needle.toUpperCase(java.util.Locale.ROOT) : needle;
    }

    private static String regexOf(SplittableRandom random, String needle) {
        StringBuilder literal = new StringBuilder();
        needle.codePoints().forEach(c -> {
            if (c < 0x80 && !Character.isLetterOrDigit(c)) {
                literal.append('\\');
            }
            literal.appendCodePoint(c);
        });
        return switch (random.nextInt(5)) {
            case 0 -> "(?i)" + literal;
            case 1 -> literal + "[0-9a-z]*";
            case 2 -> "(?:" + literal + ")|zz+q";
            case 3 -> "\\b" + literal + ".?x*";
            default -> literal.toString();
        };
    }

    private static LogRecord randomRecord(SplittableRandom random, long start) {
        // Few distinct times, so ties are common.
        long time = start + random.nextLong(Duration.ofDays(2).toSeconds() / 600) * 600_000_000_000L;
        StringBuilder body = new StringBuilder();
        for (int words = 1 + random.nextInt(10); words > 0; words--) {
            if (!body.isEmpty()) {
                body.append(random.nextInt(5) == 0 ? "" : " ");
            }
            body.append(random.nextInt(300) == 0 ? "q".repeat(240 + random.nextInt(40)) + "needle" : WORDS[random.nextInt(WORDS.length)]);
        }
        int[] severities = {0, 0, 3, 5, 9, 10, 13, 17, 21, 24};
        String[] texts = {"", "", "INFO", "warning", "Err", "fatal"};
        String[] services = {"", "checkout", "cart", "api"};
        return new LogRecord(time, time, severities[random.nextInt(severities.length)], texts[random.nextInt(texts.length)],
                body.toString(), services[random.nextInt(services.length)], RESOURCES[random.nextInt(RESOURCES.length)],
                "", "", Map.of(), "", "", 0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object>[] resources() {
        return new Map[] {Map.of(), Map.of("host.name", "node-1"), Map.of("host.name", "node-2", "service.namespace", "prod"),
                Map.of("k8s.pod.name", "pod-7", "level", "custom", "count", 3L)};
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
