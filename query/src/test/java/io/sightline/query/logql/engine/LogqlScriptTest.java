package io.sightline.query.logql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import io.sightline.query.logql.LogqlEngine;
import io.sightline.query.logql.LogqlEngineConfig;
import io.sightline.query.logql.LogqlQueryException;
import io.sightline.query.logql.LogqlRequest;
import io.sightline.query.logql.LogqlResult;
import io.sightline.query.logql.engine.LogqlScript.Command;
import io.sightline.query.logql.engine.LogqlScript.Eval;
import io.sightline.query.logql.engine.LogqlScript.Load;
import io.sightline.storage.logs.LogStoreConfig;
import io.sightline.storage.logs.LuceneLogStore;

/**
 * Runs every {@code src/test/resources/logql/eval/*.test} script against a real {@link LuceneLogStore}
 * in a temporary directory: all {@code load} blocks of a file go into one store, then each
 * {@code eval} is one dynamic test named {@code file:line}. Values compare with a relative tolerance
 * of 1e-6, NaN equal to NaN.
 */
class LogqlScriptTest {
    private static final double EPSILON = 1e-6;
    /** The store's clock: well after the scripts' times (the first days after the epoch), within retention. */
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.EPOCH.plus(Duration.ofDays(10)));
    private static final List<LuceneLogStore> OPENED = new CopyOnWriteArrayList<>();
    private static final List<Path> DIRS = new CopyOnWriteArrayList<>();

    @AfterAll
    static void close() throws IOException {
        OPENED.forEach(LuceneLogStore::close);
        for (Path dir : DIRS) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> scripts() throws IOException, URISyntaxException {
        Path dir = Path.of(getClass().getResource("/logql/eval").toURI());
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".test")).sorted().toList();
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : files) {
            tests.addAll(testsOf(file));
        }
        return tests.stream();
    }

    private static List<DynamicTest> testsOf(Path file) throws IOException {
        List<Command> commands = LogqlScript.parse(Files.readAllLines(file));
        String name = file.getFileName().toString();
        List<Load> loads = commands.stream().filter(Load.class::isInstance).map(Load.class::cast).toList();
        LogqlEngine[] engine = new LogqlEngine[1];
        List<DynamicTest> tests = new ArrayList<>();
        for (Command c : commands) {
            if (c instanceof Eval eval) {
                tests.add(DynamicTest.dynamicTest(name + ":" + eval.line(), () -> {
                    if (engine[0] == null) {
                        engine[0] = new LogqlEngine(store(loads), new GoLineTemplates(java.time.InstantSource.fixed(java.time.Instant.EPOCH), io.sightline.query.template.TemplateLimits.defaults()), LogqlEngineConfig.defaults(),
                                System::nanoTime);
                    }
                    run(engine[0], eval);
                }));
            }
        }
        return tests;
    }

    private static LuceneLogStore store(List<Load> loads) {
        try {
            Path dir = Files.createTempDirectory("logql-script");
            DIRS.add(dir);
            LogStoreConfig config = new LogStoreConfig(dir, Duration.ofHours(1), Duration.ofHours(1), 1, 16,
                    Duration.ofDays(3650), 0);
            LuceneLogStore store = LuceneLogStore.open(config, CLOCK);
            OPENED.add(store);
            long walIndex = 1;
            for (Load load : loads) {
                store.append(walIndex++, load.records());
            }
            store.refresh();
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(LogqlEngine engine, Eval eval) {
        LogqlRequest request = new LogqlRequest(eval.query(), eval.startNanos(), eval.endNanos(), eval.stepNanos(),
                eval.intervalNanos(), eval.direction(), eval.limit(), Duration.ofSeconds(30));
        if (eval.fail()) {
            assertThat(eval.expected()).as("eval_fail needs one 'error KIND message' line").hasSize(1);
            String[] parts = eval.expected().getFirst().split(" ", 3);
            assertThatThrownBy(() -> engine.execute(request))
                    .isInstanceOfSatisfying(LogqlQueryException.class, e -> {
                        assertThat(e.kind().name()).isEqualTo(parts[1]);
                        assertThat(e.getMessage()).startsWith(parts.length > 2 ? parts[2] : "");
                    });
            return;
        }
        LogqlResult result = engine.execute(request);
        List<String> actual = switch (result) {
            case LogqlResult.Scalar s -> List.of("scalar " + s.value());
            case LogqlResult.Vector v -> v.samples().stream().map(s -> text(s.labels()) + " " + s.value()).toList();
            case LogqlResult.Matrix m -> matrix(m, eval);
            case LogqlResult.Streams s -> streams(s);
        };
        compare(eval, actual);
    }

    private static List<String> matrix(LogqlResult.Matrix m, Eval eval) {
        int steps = (int) ((eval.endNanos() - eval.startNanos()) / eval.stepNanos() + 1);
        List<String> out = new ArrayList<>();
        for (LogqlResult.SampleSeries s : m.series()) {
            String[] values = new String[steps];
            java.util.Arrays.fill(values, "_");
            for (int i = 0; i < s.timesNanos().length; i++) {
                values[(int) ((s.timesNanos()[i] - eval.startNanos()) / eval.stepNanos())] = Double.toString(s.values()[i]);
            }
            out.add(text(s.labels()) + " " + String.join(" ", values));
        }
        return out;
    }

    private static List<String> streams(LogqlResult.Streams s) {
        List<String> out = new ArrayList<>();
        for (LogqlResult.LogStream stream : s.streams()) {
            out.add(text(stream.labels()));
            for (LogqlResult.LogEntry e : stream.entries()) {
                out.add(e.timeNanos() / 1_000_000 + "ms " + e.line());
            }
        }
        return out;
    }

    private static String text(Map<String, String> labels) {
        return io.sightline.storage.tsdb.Labels.of(labels).toString();
    }

    private static void compare(Eval eval, List<String> actual) {
        List<String> expected = eval.expected();
        String context = "query " + eval.query() + "\nactual:\n  " + String.join("\n  ", actual);
        assertThat(actual).as(context).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            String want = expected.get(i);
            String got = actual.get(i);
            if (want.startsWith("{") && eval.mode() != LogqlScript.Mode.LOGS || want.startsWith("scalar ")) {
                compareSample(want, got, context);
            } else if (want.startsWith("{")) {
                assertThat(LogqlScript.labels(got)).as(context).isEqualTo(LogqlScript.labels(want));
            } else {
                int space = want.indexOf(' ');
                long wantMs = LogqlScript.duration(want.substring(0, space)) / 1_000_000;
                assertThat(got).as(context).isEqualTo(wantMs + "ms " + want.substring(space + 1));
            }
        }
    }

    private static void compareSample(String want, String got, String context) {
        int wantSplit = want.startsWith("scalar") ? 6 : want.lastIndexOf('}') + 1;
        int gotSplit = got.startsWith("scalar") ? 6 : got.lastIndexOf('}') + 1;
        if (!want.startsWith("scalar")) {
            assertThat(LogqlScript.labels(got.substring(0, gotSplit))).as(context)
                    .isEqualTo(LogqlScript.labels(want.substring(0, wantSplit)));
        }
        String[] wantValues = want.substring(wantSplit).strip().split("\\s+");
        String[] gotValues = got.substring(gotSplit).strip().split("\\s+");
        assertThat(gotValues).as(context).hasSameSizeAs(wantValues);
        for (int i = 0; i < wantValues.length; i++) {
            if (wantValues[i].equals("_") || gotValues[i].equals("_")) {
                assertThat(gotValues[i]).as(context).isEqualTo(wantValues[i]);
                continue;
            }
            double w = number(wantValues[i]);
            double g = number(gotValues[i]);
            if (Double.isNaN(w) || Double.isNaN(g) || Double.isInfinite(w)) {
                assertThat(Double.compare(g, w)).as(context).isZero();
            } else if (Math.abs(g - w) > EPSILON * Math.max(1, Math.abs(w))) {
                fail(context + "\nvalue " + i + ": expected " + w + " got " + g);
            }
        }
    }

    private static double number(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf", "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Inf", "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }
}
