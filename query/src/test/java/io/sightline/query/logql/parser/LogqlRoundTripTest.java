package io.sightline.query.logql.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

import io.sightline.query.logql.Logql;

/**
 * Random valid trees ({@link RandomLogql}) printed and parsed back must be equal, and the text must
 * be stable. Seeded: the seed is printed, {@code -Dtests.seed=N} replays it.
 */
class LogqlRoundTripTest {
    private static final int TREES = 3000;

    @Test
    void printedTreesParseBackEqual() {
        long seed = Long.getLong("tests.seed", System.nanoTime());
        System.out.println("LogqlRoundTripTest seed: -Dtests.seed=" + seed);
        RandomLogql trees = new RandomLogql(new Random(seed));
        for (int i = 0; i < TREES; i++) {
            LogqlExpr tree = trees.query();
            String text = LogqlPrinter.print(tree);
            LogqlExpr parsed = Logql.parse(text);
            assertThat(parsed).as("seed %d, tree %d: %s", seed, i, text).isEqualTo(tree);
            assertThat(LogqlPrinter.print(parsed)).isEqualTo(text);
        }
    }

    @Test
    void labelFiltersOfAnyShapeRoundTrip() {
        long seed = Long.getLong("tests.seed", System.nanoTime());
        System.out.println("LogqlRoundTripTest label filter seed: -Dtests.seed=" + seed);
        RandomLogql trees = new RandomLogql(new Random(seed));
        for (int i = 0; i < TREES; i++) {
            LogSelectorExpr selector = trees.logSelector();
            LogqlExpr tree = new LogSelectorExpr(selector.matchers(),
                    java.util.List.of(new PipelineStage.LabelFilterStage(trees.labelFilter(0))));
            String text = LogqlPrinter.print(tree);
            assertThat(Logql.parse(text)).as("seed %d: %s", seed, text).isEqualTo(tree);
        }
    }
}
