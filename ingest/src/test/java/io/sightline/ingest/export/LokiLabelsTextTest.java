package io.sightline.ingest.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.storage.tsdb.Labels;
import org.junit.jupiter.api.Test;

class LokiLabelsTextTest {

    @Test
    void writesLokisFormWithGoQuotedValues() {
        assertThat(LokiLabelsText.of(Labels.of("b", "2", "a", "1"))).isEqualTo("{a=\"1\", b=\"2\"}");
        assertThat(LokiLabelsText.of(Labels.EMPTY)).isEqualTo("{}");
    }

    @Test
    void escapesAsStrconvQuote() {
        StringBuilder out = new StringBuilder();
        LokiLabelsText.quote("\u0001\u001b\u000b\r\u00a0\u00ad日本\uD83D\uDE00\uDB40\uDC01\uD800x", out);
        // U+00A0 (a space separator) and U+00AD (format) are not printable in Go; U+E0001 is a format char
        assertThat(out).hasToString("\"\\x01\\x1b\\v\\r\\u00a0\\u00ad日本😀\\U000e0001\uFFFDx\"");
    }
}
