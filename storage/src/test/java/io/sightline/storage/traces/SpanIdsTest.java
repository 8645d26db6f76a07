package io.sightline.storage.traces;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class SpanIdsTest {
    @Test
    void everyTraceIdReadsBackFromItsTermWhateverItsFirstByte() {
        for (int first = 0; first < 256; first++) {
            String id = String.format("%02x80c3%026x", first, 0xabcdefL * first);
            byte[] term = SpanIds.traceTerm(id);
            assertThat(term).hasSize(SpanIds.TRACE_ID_BYTES);
            assertThat(SpanIds.traceIdOf(term, 0, term.length)).isEqualTo(id);
        }
    }

    @Test
    void textIdsOfEveryLengthReadBackAndNeverTakeARawIdsTerm() {
        StringBuilder id = new StringBuilder();
        for (int length = 0; length <= 40; length++) {
            String text = id.toString();
            byte[] term = SpanIds.traceTerm(text);
            assertThat(term.length).as("term of %s", text).isPositive().isNotEqualTo(SpanIds.TRACE_ID_BYTES);
            assertThat(SpanIds.traceIdOf(term, 0, term.length)).isEqualTo(text);
            id.append(length % 3 == 0 ? "é" : "X"); // two UTF-8 bytes, one
        }
        String fifteenBytes = "ABCDEFGHIJKLMNO";
        String rawLookalike = "ff" + HexFormat.of().formatHex(fifteenBytes.getBytes(StandardCharsets.UTF_8));
        assertThat(SpanIds.traceTerm(fifteenBytes)).isNotEqualTo(SpanIds.traceTerm(rawLookalike));
        assertThat(SpanIds.traceIdOf(SpanIds.traceTerm(rawLookalike), 0, SpanIds.TRACE_ID_BYTES)).isEqualTo(rawLookalike);
    }
}
