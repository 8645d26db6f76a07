package io.sightline.query.promql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.sightline.query.promql.PromqlEngine;

/** Query in, Prometheus's pretty form out: the cases of {@code src/test/resources/promql/pretty.cases}. */
class PrettierTest {
    private static final Pattern HEADER = Pattern.compile("=== (.*?)(?: \\[width (\\d+)])?");

    private record Case(String name, int width, String query, String expected) {
    }

    @TestFactory
    Stream<DynamicTest> casesFile() throws IOException {
        List<Case> cases = readCases();
        assertThat(cases).hasSizeGreaterThan(20);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            String pretty = Prettier.format(Parser.parse(c.query()), c.width());
            assertThat(pretty).as(c.query()).isEqualTo(c.expected());
            // The answer is itself a query, and means the same one.
            assertThat(Printer.print(Parser.parse(pretty))).isEqualTo(Printer.print(Parser.parse(c.query())));
        }));
    }

    @Test
    void aQueryUpToTheLimitIsTheCanonicalText() {
        String name = "a".repeat(100 - "sum by (job) (rate([5m])) > 1".length());
        String longest = "sum by (job) (rate(" + name + "[5m])) > 1";
        assertThat(longest).hasSize(Prettier.PROMETHEUS_LINE_LENGTH);
        assertThat(PromqlEngine.format(longest)).isEqualTo(longest);
        assertThat(PromqlEngine.format(longest.replace(name, name + "b")))
                .isEqualTo("  sum by (job) (rate(" + name + "b[5m]))\n>\n  1");
    }

    @Test
    void utf8LengthIsGosLen() {
        assertThat(Prettier.utf8Length("abc")).isEqualTo(3);
        assertThat(Prettier.utf8Length("ü")).isEqualTo(2);
        assertThat(Prettier.utf8Length("€")).isEqualTo(3);
        assertThat(Prettier.utf8Length("\uD83D\uDE00")).isEqualTo(4);
    }

    @Test
    void theLineLengthMustBePositive() {
        assertThatThrownBy(() -> Prettier.format(Parser.parse("a"), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Case> readCases() throws IOException {
        String text;
        try (InputStream in = PrettierTest.class.getResourceAsStream("/promql/pretty.cases")) {
            assertThat(in).as("promql/pretty.cases on the test class path").isNotNull();
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Case> cases = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int i = 0;
        while (i < lines.length) {
            Matcher header = HEADER.matcher(lines[i]);
            if (!header.matches()) {
                assertThat(lines[i]).as("line %d outside a case", i + 1).matches("(#.*)?");
                i++;
                continue;
            }
            int width = header.group(2) == null ? Prettier.PROMETHEUS_LINE_LENGTH : Integer.parseInt(header.group(2));
            String query = lines[i + 1];
            assertThat(lines[i + 2]).as("line %d", i + 3).isEqualTo("---");
            i += 3;
            List<String> expected = new ArrayList<>();
            while (i < lines.length && !lines[i].startsWith("=== ")) {
                expected.add(lines[i++]);
            }
            while (!expected.isEmpty() && expected.getLast().isEmpty()) {
                expected.removeLast();
            }
            cases.add(new Case(header.group(1), width, query, String.join("\n", expected)));
        }
        return cases;
    }
}
