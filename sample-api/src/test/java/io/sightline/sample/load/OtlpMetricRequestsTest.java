package io.sightline.sample.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import org.junit.jupiter.api.Test;

/**
 * The patched templates of {@link OtlpMetricRequests} decode, round after round, to the very
 * messages the generated classes build from the same state (zero values sent explicitly parse back
 * as the omitted ones), and every request keeps its size.
 */
class OtlpMetricRequestsTest {
    private static final long INTERVAL = 15_000;
    private static final long T0 = 1_795_000_000_000L;

    @Test
    void patchedTemplatesDecodeToTheBuiltMessagesEveryRound() throws Exception {
        ScrapeState state = new ScrapeState(11, new int[] {0, 1, 2});
        OtlpMetricRequests requests = new OtlpMetricRequests(state, 250, 200, INTERVAL, T0 - 3_600_000);
        byte[] out = new byte[requests.maxBodyBytes()];
        int[] sizes = new int[requests.requestsPerRound()];
        for (int round = 0; round < 6; round++) {
            long roundMillis = T0 + round * INTERVAL;
            for (int r = 0; r < requests.requestsPerRound(); r++) {
                Arrays.fill(out, (byte) 0x55);
                int size = requests.encode(r, roundMillis, out);
                ExportMetricsServiceRequest decoded = ExportMetricsServiceRequest.parseFrom(Arrays.copyOf(out, size));
                assertThat(decoded).as("round %d, request %d", round, r).isEqualTo(requests.build(r, roundMillis));
                if (round == 0) {
                    sizes[r] = size;
                }
                assertThat(size).isEqualTo(sizes[r]).isLessThanOrEqualTo(requests.maxBodyBytes());
            }
            requests.advance();
        }
    }
}
