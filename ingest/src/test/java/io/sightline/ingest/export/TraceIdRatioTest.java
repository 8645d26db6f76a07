package io.sightline.ingest.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

class TraceIdRatioTest {

    @Test
    void thresholdIsTwoToThe56TimesOneMinusTheRatio() {
        assertThat(new TraceIdRatio(1).threshold()).isZero();
        assertThat(new TraceIdRatio(0).threshold()).isEqualTo(1L << 56);
        assertThat(new TraceIdRatio(0.5).threshold()).isEqualTo(1L << 55);
        assertThat(new TraceIdRatio(0.25).threshold()).isEqualTo(3L << 54);
        // 0.1 × 2^56 = 7205759403792793.6, rounded half away from zero as the collector's math.Round
        assertThat(new TraceIdRatio(0.1).threshold()).isEqualTo((1L << 56) - 7205759403792794L);
    }

    @Test
    void randomnessIsTheRightmost56BitsOfTheTraceId() {
        byte[] id = {(byte) 0xFF, 1, 2, 3, 4, 5, 6, 7, (byte) 0xFF, 0x12, 0x34, 0x56, 0x78, (byte) 0x9a, (byte) 0xbc, (byte) 0xde};
        assertThat(TraceIdRatio.randomness(ByteString.copyFrom(id))).isEqualTo(0x123456789abcdeL);
        assertThat(TraceIdRatio.randomness(ByteString.copyFrom(new byte[8]))).isZero();
    }

    @Test
    void keepsWhenRandomnessReachesTheThreshold() {
        TraceIdRatio half = new TraceIdRatio(0.5);
        assertThat(half.keeps(OtlpSignalEncoderTest.traceId((1L << 55) - 1))).isFalse();
        assertThat(half.keeps(OtlpSignalEncoderTest.traceId(1L << 55))).isTrue();
        assertThat(new TraceIdRatio(1).keeps(ByteString.EMPTY)).isTrue();
        assertThat(new TraceIdRatio(0).keeps(OtlpSignalEncoderTest.traceId((1L << 56) - 1))).isFalse();
    }

    @Test
    void keepsAboutTheRatioOfRandomTraces() {
        long seed = Long.getLong("tests.seed", System.nanoTime());
        System.out.println("TraceIdRatioTest seed " + seed + " (replay with -Dtests.seed=" + seed + ")");
        Random random = new Random(seed);
        TraceIdRatio ratio = new TraceIdRatio(0.3);
        TraceIdRatio lower = new TraceIdRatio(0.1);
        int kept = 0;
        int traces = 20_000;
        for (int i = 0; i < traces; i++) {
            byte[] id = new byte[16];
            random.nextBytes(id);
            ByteString traceId = ByteString.copyFrom(id);
            if (ratio.keeps(traceId)) {
                kept++;
            } else {
                assertThat(lower.keeps(traceId)).as("a lower ratio keeps a subset").isFalse();
            }
        }
        assertThat(kept).isBetween(5_600, 6_400);
    }
}
