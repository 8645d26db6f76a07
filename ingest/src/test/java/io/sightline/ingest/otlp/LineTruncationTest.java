package io.sightline.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LineTruncationTest {
    private final List<Long> removed = new ArrayList<>();

    @Test
    void linesWithinTheLimitAreKeptAsTheyAre() {
        LineTruncation truncation = new LineTruncation(40, removed::add);
        String exact = "x".repeat(40);
        assertThat(truncation.apply(exact)).isSameAs(exact);
        assertThat(truncation.apply("short")).isEqualTo("short");
        String multiByte = "é".repeat(20); // 40 bytes
        assertThat(truncation.apply(multiByte)).isSameAs(multiByte);
        assertThat(removed).isEmpty();
    }

    @Test
    void longerLinesAreCutWithTheMarkerWithinTheLimit() {
        LineTruncation truncation = new LineTruncation(40, removed::add);
        String cut = truncation.apply("y".repeat(100));
        assertThat(cut).isEqualTo("y".repeat(40 - LineTruncation.MARKER.length()) + LineTruncation.MARKER);
        assertThat(cut.getBytes(StandardCharsets.UTF_8)).hasSize(40);
        assertThat(removed).containsExactly(100L - 28);
    }

    @Test
    void cutsFallOnCharacterBoundaries() {
        LineTruncation truncation = new LineTruncation(40, removed::add);
        // 28 bytes are kept before the marker: 9 three-byte characters (27 bytes), never half of the tenth.
        String cut = truncation.apply("日".repeat(30));
        assertThat(cut).isEqualTo("日".repeat(9) + LineTruncation.MARKER);
        String emoji = truncation.apply("😀".repeat(30));
        assertThat(emoji).isEqualTo("😀".repeat(7) + LineTruncation.MARKER);
        assertThat(removed).containsExactly(90L - 27, 120L - 28);
    }

    @Test
    void aLimitTooSmallForTheMarkerCutsWithoutIt() {
        assertThat(new LineTruncation(5, removed::add).apply("abcdefgh")).isEqualTo("abcde");
        assertThat(removed).containsExactly(3L);
    }
}
