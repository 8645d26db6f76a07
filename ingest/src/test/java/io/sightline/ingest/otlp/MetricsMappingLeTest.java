package io.sightline.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.InstantSource;
import java.util.SplittableRandom;

import io.sightline.ingest.prometheus.SampleBatch;
import io.sightline.ingest.prometheus.SampleRejections;
import org.junit.jupiter.api.Test;

/** The per-request {@code le} cache answers what formatting the bound answers, collisions included. */
class MetricsMappingLeTest {
    @Test
    void cachedTextsMatchFormattingAcrossCollidingBounds() {
        long seed = Long.getLong("tests.seed", System.nanoTime());
        System.out.println("MetricsMappingLeTest seed: -Dtests.seed=" + seed);
        SplittableRandom random = new SplittableRandom(seed);
        MetricsMapping mapping = new MetricsMapping(
                new OtlpMetricsMapper(OtlpMetricsConfig.defaults(), InstantSource.system()),
                new SampleBatch(), new SampleRejections(), 0);
        double[] bounds = new double[300];
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] = switch (i % 4) {
                case 0 -> random.nextDouble() * 1e4;
                case 1 -> Math.pow(2, random.nextInt(-40, 40));
                case 2 -> random.nextInt(1000) / 1000.0;
                default -> -random.nextDouble();
            };
        }
        bounds[0] = 0.0;
        bounds[1] = -0.0;
        bounds[2] = Double.POSITIVE_INFINITY;
        for (int round = 0; round < 20_000; round++) {
            double bound = bounds[random.nextInt(bounds.length)];
            assertThat(mapping.le(bound).text()).as("seed %d, bound %s", seed, bound)
                    .isEqualTo(PrometheusNaming.formatFloat(bound));
        }
    }
}
