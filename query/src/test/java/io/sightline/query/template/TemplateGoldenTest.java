package io.sightline.query.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of {@code src/test/resources/template/*.cases} (format in {@link TemplateCase}),
 * one dynamic test each, named {@code file:line name}. Loki and Prometheus cases run with a clock
 * fixed at {@link #NOW} and the external URL {@code http://testhost:9090/path/prefix}.
 */
class TemplateGoldenTest {
    static final Instant NOW = Instant.parse("2024-05-06T07:08:09.123456789Z");
    static final String EXTERNAL_URL = "http://testhost:9090/path/prefix";

    @TestFactory
    Stream<DynamicTest> cases() throws IOException, URISyntaxException {
        Path dir = Path.of(getClass().getResource("/template").toURI());
        List<TemplateCase> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".cases")).sorted().toList()) {
                all.addAll(TemplateCase.parse(f.getFileName().toString(), Files.readAllLines(f)));
            }
        }
        assertThat(all).hasSizeGreaterThan(100);
        return all.stream().map(c -> DynamicTest.dynamicTest(c.file() + ":" + c.line() + " " + c.name(), () -> run(c)));
    }

    private static void run(TemplateCase c) {
        InstantSource clock = InstantSource.fixed(NOW);
        String kind = c.keys().getOrDefault("functions", "builtins");
        TemplateFunctions functions = switch (kind) {
            case "loki" -> LokiTemplateFunctions.create(clock);
            case "prometheus" -> PrometheusTemplateFunctions.create(query(c), EXTERNAL_URL);
            case "builtins" -> TemplateFunctions.builtins();
            default -> throw new IllegalArgumentException("functions: " + kind);
        };
        TemplateFunctions perExecution = kind.equals("loki")
                ? LokiTemplateFunctions.forLine(c.keys().getOrDefault("line", ""),
                        Long.parseLong(c.keys().getOrDefault("timestamp", "0")))
                : TemplateFunctions.of(List.of());
        MissingKey missingKey = switch (c.keys().getOrDefault("missingkey", "default")) {
            case "zero" -> MissingKey.EMPTY_STRING;
            case "error" -> MissingKey.ERROR;
            default -> MissingKey.NO_VALUE;
        };
        String expectedError = c.text("error");
        String expectedOutput = c.text("output");
        assertThat(expectedError == null).as("exactly one of output and error").isNotEqualTo(expectedOutput == null);
        if (expectedError != null) {
            assertThatThrownBy(() -> GoTemplate.parse("test", c.template(), functions, limits(c), missingKey)
                    .execute(c.data(), perExecution))
                    .isInstanceOf(TemplateException.class)
                    .hasMessage(expectedError);
        } else {
            GoTemplate t = GoTemplate.parse("test", c.template(), functions, limits(c), missingKey);
            assertThat(t.execute(c.data(), perExecution)).isEqualTo(expectedOutput);
        }
    }

    private static TemplateLimits limits(TemplateCase c) {
        TemplateLimits d = TemplateLimits.defaults();
        String spec = c.keys().get("limits");
        if (spec == null) {
            return d;
        }
        int text = d.maxTextLength();
        long steps = d.maxSteps();
        long output = d.maxOutputChars();
        int depth = d.maxDepth();
        for (String part : spec.trim().split("\\s+")) {
            String[] kv = part.split("=");
            switch (kv[0]) {
                case "text" -> text = Integer.parseInt(kv[1]);
                case "steps" -> steps = Long.parseLong(kv[1]);
                case "output" -> output = Long.parseLong(kv[1]);
                case "depth" -> depth = Integer.parseInt(kv[1]);
                default -> throw new IllegalArgumentException("limit " + kv[0]);
            }
        }
        return new TemplateLimits(text, steps, output, depth);
    }

    private static TemplateQueryFunction query(TemplateCase c) {
        String raw = c.keys().get("query");
        return q -> {
            if (raw == null) {
                throw new IllegalStateException("no query expected: " + q);
            }
            List<TemplateSample> samples = new ArrayList<>();
            for (JsonElement e : JsonParser.parseString(raw).getAsJsonArray()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> labels = (Map<String, Object>) TemplateCase.toJava(e.getAsJsonObject().get("labels"));
                Map<String, String> stringLabels = new java.util.TreeMap<>();
                labels.forEach((k, v) -> stringLabels.put(k, String.valueOf(v)));
                samples.add(new TemplateSample(stringLabels, e.getAsJsonObject().get("value").getAsDouble()));
            }
            return samples;
        };
    }
}
