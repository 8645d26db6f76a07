package io.sightline.query.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import io.sightline.query.promql.PromqlScript.Clear;
import io.sightline.query.promql.PromqlScript.Command;
import io.sightline.query.promql.PromqlScript.Eval;
import io.sightline.query.promql.PromqlScript.Expected;
import io.sightline.query.promql.PromqlScript.Load;
import io.sightline.query.promql.PromqlScript.SeriesLine;
import io.sightline.storage.tsdb.Labels;
import io.sightline.storage.tsdb.Queryable;
import io.sightline.storage.tsdb.Tsdb;
import io.sightline.storage.tsdb.TsdbConfig;

/**
 * Runs every {@code src/test/resources/promql/*.test} script; each {@code eval} is one dynamic test
 * named {@code file:line}. An instant eval of a scalar or vector is also run as a one-step range
 * query and must agree. Values compare with Prometheus's relative tolerance (1e-6), NaN equal to NaN.
 */
class PromqlScriptTest {
    private static final double EPSILON = 1e-6;
    private final PromqlEngine engine = new PromqlEngine(EngineConfig.defaults());

    /** A storage the scripts load into and the engine reads from. */
    record LoadableStorage(Appender appender, Queryable queryable) {
    }

    interface Appender {
        void append(Labels labels, long timestampMs, double value);
    }

    /**
     * The one place that decides which storage the scripts run against: the real TSDB (head chunks
     * cut every 120 samples, postings, matchers), on a temporary directory.
     */
    static LoadableStorage newStorage() {
        try {
            Path dir = Files.createTempDirectory("promql-script-tsdb");
            Tsdb tsdb = Tsdb.open(TsdbConfig.defaults(dir), InstantSource.fixed(Instant.EPOCH));
            OPENED.add(tsdb);
            OPENED_DIRS.add(dir);
            return new LoadableStorage(tsdb::append, tsdb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The scripts' stores, open until every dynamic test of the class has run. */
    private static final List<Tsdb> OPENED = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final List<Path> OPENED_DIRS = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterAll
    static void closeStores() throws IOException {
        OPENED.forEach(Tsdb::close);
        for (Path dir : OPENED_DIRS) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    @TestFactory
    Stream<DynamicNode> scripts() throws IOException, URISyntaxException {
        Path dir = Path.of(getClass().getResource("/promql").toURI());
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".test")).sorted().toList();
        }
        List<DynamicNode> tests = new ArrayList<>();
        for (Path file : files) {
            tests.addAll(testsOf(file));
        }
        return tests.stream();
    }

    private List<DynamicTest> testsOf(Path file) {
        List<Command> commands;
        try {
            commands = PromqlScript.parse(Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = file.getFileName().toString();
        List<DynamicTest> tests = new ArrayList<>();
        List<Load> loads = new ArrayList<>();
        Map<Integer, Queryable> generations = new HashMap<>();
        int generation = 0;
        for (Command c : commands) {
            switch (c) {
                case Load load -> {
                    loads.add(load);
                    generation++;
                }
                case Clear clear -> {
                    loads = new ArrayList<>();
                    generation++;
                }
                case Eval eval -> {
                    List<Load> snapshot = List.copyOf(loads);
                    int gen = generation;
                    tests.add(DynamicTest.dynamicTest(name + ":" + eval.line(),
                            () -> run(eval, generations.computeIfAbsent(gen, g -> load(snapshot)))));
                }
            }
        }
        return tests;
    }

    private static Queryable load(List<Load> loads) {
        LoadableStorage storage = newStorage();
        for (Load load : loads) {
            for (SeriesLine s : load.series()) {
                for (int i = 0; i < s.values().size(); i++) {
                    Double v = s.values().get(i);
                    if (v != null) {
                        storage.appender().append(s.labels(), i * load.intervalMs(), v);
                    }
                }
            }
        }
        return storage.queryable();
    }

    private void run(Eval eval, Queryable storage) {
        if (eval.fail()) {
            var thrown = assertThatThrownBy(() -> query(eval, storage)).as(eval.expr())
                    .isInstanceOf(PromqlException.class);
            if (eval.failMessage() != null) {
                thrown.hasMessage(eval.failMessage());
            }
            if (eval.failRegexp() != null) {
                thrown.hasMessageMatching(eval.failRegexp());
            }
            return;
        }
        QueryResult result = query(eval, storage);
        if (eval.mode().equals("warn")) {
            assertThat(result.warnings()).as("warnings of " + eval.expr()).isNotEmpty();
        }
        if (eval.mode().equals("info")) {
            assertThat(result.infos()).as("infos of " + eval.expr()).isNotEmpty();
        }
        ResultComparison.check(eval, result.value(), EPSILON);
        if (!eval.range() && (result.value() instanceof QueryValue.Vector || result.value() instanceof QueryValue.Scalar)) {
            QueryResult asRange = engine.rangeQuery(storage, eval.expr(), eval.start(), eval.start(), 60_000);
            ResultComparison.sameAsRange(eval, result.value(), asRange.value(), EPSILON);
        }
    }

    private QueryResult query(Eval eval, Queryable storage) {
        return eval.range()
                ? engine.rangeQuery(storage, eval.expr(), eval.start(), eval.end(), eval.step())
                : engine.instantQuery(storage, eval.expr(), eval.start());
    }

    static List<Expected> expectedOf(Eval eval) {
        return eval.expected();
    }
}
