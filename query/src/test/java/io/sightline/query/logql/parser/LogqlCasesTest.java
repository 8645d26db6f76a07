package io.sightline.query.logql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import io.sightline.query.logql.Logql;
import io.sightline.query.logql.LogqlParseException;

/**
 * The cases of {@code src/test/resources/logql/parser.cases}, one dynamic test each named
 * {@code file:line}. A case is a line {@code > query} followed by {@code = canonical} (the printed
 * form; a bare {@code =} when the query is already canonical) or {@code ! line:col message part}; {@code <NL>} in a query stands for a line break.
 * A query that parses must print as expected, and that text must parse to an equal tree and print
 * as itself.
 */
class LogqlCasesTest {
    private static final String FILE = "logql/parser.cases";

    private record Case(int line, String query, String expectation) {
    }

    @TestFactory
    Stream<DynamicTest> cases() throws IOException {
        List<Case> cases = read();
        assertThat(cases).hasSizeGreaterThan(300);
        return cases.stream().map(c -> DynamicTest.dynamicTest(FILE + ":" + c.line(), () -> run(c)));
    }

    private static void run(Case c) {
        if (c.expectation().startsWith("=")) {
            String expected = c.expectation().length() == 1 ? c.query() : c.expectation().substring(2);
            LogqlExpr parsed = Logql.parse(c.query());
            String printed = LogqlPrinter.print(parsed);
            assertThat(printed).as(c.query()).isEqualTo(expected);
            LogqlExpr reparsed = Logql.parse(printed);
            assertThat(reparsed).as(printed).isEqualTo(parsed);
            assertThat(LogqlPrinter.print(reparsed)).isEqualTo(printed);
            return;
        }
        String[] parts = c.expectation().substring(2).split(" ", 2);
        String[] position = parts[0].split(":");
        LogqlParseException e = catchThrowableOfType(LogqlParseException.class, () -> Logql.parse(c.query()));
        assertThat(e).as("%s should not parse", c.query()).isNotNull();
        assertThat(e.getMessage()).as(c.query()).contains(parts[1]);
        assertThat(e.line() + ":" + e.column()).as("%s: %s", c.query(), e.getMessage())
                .isEqualTo(position[0] + ":" + position[1]);
        assertThat(e.getMessage()).startsWith("parse error at line " + e.line() + ", col " + e.column() + ": ");
    }

    private static List<Case> read() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream stream = LogqlCasesTest.class.getClassLoader().getResourceAsStream(FILE)) {
            assertThat(stream).as(FILE).isNotNull();
            BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
            String query = null;
            int queryLine = 0;
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("> ")) {
                    if (query != null) {
                        throw new IllegalStateException(FILE + ":" + queryLine + ": query without expectation");
                    }
                    query = line.substring(2).replace("<NL>", "\n");
                    queryLine = lineNumber;
                } else if (line.equals("=") || line.startsWith("= ") || line.startsWith("! ")) {
                    if (query == null) {
                        throw new IllegalStateException(FILE + ":" + lineNumber + ": expectation without query");
                    }
                    cases.add(new Case(queryLine, query, line));
                    query = null;
                } else {
                    throw new IllegalStateException(FILE + ":" + lineNumber + ": unknown line: " + line);
                }
            }
        }
        return cases;
    }
}
