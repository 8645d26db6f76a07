package io.sightline.ingest.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.sightline.storage.tsdb.MetricMetadata;
import io.sightline.storage.tsdb.Sample;

/** The golden cases under {@code src/test/resources/exposition} (see its README), plus limits. */
class ExpositionParserTest {

    static Stream<Path> cases() throws IOException, URISyntaxException {
        Path dir = Path.of(ExpositionParserTest.class.getResource("/exposition").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".prom") || p.toString().endsWith(".om"))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void goldenCase(Path input) throws IOException {
        String file = input.getFileName().toString();
        String base = file.substring(0, file.lastIndexOf('.'));
        ExpositionFormat format = file.endsWith(".om") ? ExpositionFormat.OPENMETRICS : ExpositionFormat.PROMETHEUS_TEXT;
        String page = Files.readString(input, StandardCharsets.UTF_8);
        Path expectedSeries = input.resolveSibling(base + ".series");
        Path expectedError = input.resolveSibling(base + ".error");
        if (Files.exists(expectedError)) {
            assertThatThrownBy(() -> ExpositionParser.parse(page, format, 0))
                    .isInstanceOf(ExpositionException.class)
                    .hasMessage(Files.readString(expectedError).strip());
            return;
        }
        assertThat(expectedSeries).as("a .series or .error file for " + file).exists();
        ScrapedPage parsed;
        try {
            parsed = ExpositionParser.parse(page, format, 0);
        } catch (ExpositionException e) {
            throw new AssertionError(file + ": " + e.getMessage(), e);
        }
        List<String> actual = new ArrayList<>();
        for (ScrapedSample s : parsed.samples()) {
            actual.add(s.labels() + " " + s.value() + (s.hasTimestamp() ? " " + s.timestampMs() : ""));
        }
        for (MetricMetadata m : parsed.metadata()) {
            actual.add("# metadata " + m.metric() + " " + m.type() + " \"" + m.help().replace("\\", "\\\\").replace("\n", "\\n")
                    + "\" \"" + m.unit() + "\"");
        }
        assertThat(actual).containsExactlyElementsOf(Files.readAllLines(expectedSeries, StandardCharsets.UTF_8));
    }

    @Test
    void knownSeriesTextsAreNotReadAgainButTheRestOfTheLineIs() throws Exception {
        String page = "a{x=\"}\\\"\"} 1 100\nb {y=\"2\",} 2\nc 3\n";
        ScrapedPage first = ExpositionParser.parse(page, ExpositionFormat.PROMETHEUS_TEXT, 0, java.util.Set.of("zzz"));
        assertThat(first.samples()).extracting(ScrapedSample::series).containsExactly("a{x=\"}\\\"\"}", "b {y=\"2\",}", "c");
        assertThat(first.samples()).allMatch(s -> s.labels() != null);
        java.util.Set<String> known = java.util.Set.of("a{x=\"}\\\"\"}", "b {y=\"2\",}");
        ScrapedPage again = ExpositionParser.parse(page, ExpositionFormat.PROMETHEUS_TEXT, 0, known);
        assertThat(again.samples()).extracting(s -> s.labels() == null).containsExactly(true, true, false);
        assertThat(again.samples()).extracting(ScrapedSample::value).containsExactly(1.0, 2.0, 3.0);
        assertThat(again.samples().get(0).timestampMs()).isEqualTo(100);
        assertThatThrownBy(() -> ExpositionParser.parse("b {y=\"2\",} x\n", ExpositionFormat.PROMETHEUS_TEXT, 0, known))
                .isInstanceOf(ExpositionException.class).hasMessageContaining("invalid value \"x\"");
    }

    @Test
    void refusesMoreSamplesThanTheLimit() {
        assertThatThrownBy(() -> ExpositionParser.parse("a 1\nb 2\nc 3\n", ExpositionFormat.PROMETHEUS_TEXT, 2))
                .hasMessage("line 3: more than 2 samples (sample_limit)");
    }

    @Test
    void keepsValueBits() throws ExpositionException {
        ScrapedPage page = ExpositionParser.parse("a NaN\nb -0\n", ExpositionFormat.PROMETHEUS_TEXT, 0);
        assertThat(Sample.isStaleMarker(page.samples().get(0).value())).isFalse();
        assertThat(Double.doubleToRawLongBits(page.samples().get(1).value())).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void choosesTheFormatByContentType() {
        assertThat(ExpositionFormat.of("application/openmetrics-text; version=1.0.0; charset=utf-8"))
                .isEqualTo(ExpositionFormat.OPENMETRICS);
        assertThat(ExpositionFormat.of("text/plain; version=0.0.4")).isEqualTo(ExpositionFormat.PROMETHEUS_TEXT);
        assertThat(ExpositionFormat.of(null)).isEqualTo(ExpositionFormat.PROMETHEUS_TEXT);
    }
}
