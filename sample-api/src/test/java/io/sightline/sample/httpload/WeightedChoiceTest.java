package io.sightline.sample.httpload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WeightedChoiceTest {

    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    @Test
    void picksInProportionToTheWeights() {
        System.out.println("WeightedChoiceTest seed " + SEED + " (replay with -Dtests.seed=" + SEED + ")");
        List<HttpEndpoint> endpoints = List.of(HttpEndpoint.get("a", "/a").withWeight(5),
                HttpEndpoint.get("b", "/b").withWeight(3), HttpEndpoint.get("c", "/c").withWeight(2),
                HttpEndpoint.get("d", "/d").withWeight(1));
        WeightedChoice choice = new WeightedChoice(endpoints);
        SplittableRandom random = new SplittableRandom(SEED);
        int n = 1_100_000;
        int[] counts = new int[4];
        for (int i = 0; i < n; i++) {
            counts[choice.pick(random)]++;
        }
        // 1.1M draws: the standard deviation of each share is under 0.05 %; 0.5 % is ten of them
        assertThat(counts[0] / (double) n).as("seed %d", SEED).isCloseTo(5 / 11.0, within(0.005));
        assertThat(counts[1] / (double) n).as("seed %d", SEED).isCloseTo(3 / 11.0, within(0.005));
        assertThat(counts[2] / (double) n).as("seed %d", SEED).isCloseTo(2 / 11.0, within(0.005));
        assertThat(counts[3] / (double) n).as("seed %d", SEED).isCloseTo(1 / 11.0, within(0.005));
    }

    @Test
    void aSingleEndpointIsAlwaysPicked() {
        WeightedChoice choice = new WeightedChoice(List.of(HttpEndpoint.get("a", "/a").withWeight(7)));
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < 1000; i++) {
            assertThat(choice.pick(random)).isZero();
        }
    }
}
