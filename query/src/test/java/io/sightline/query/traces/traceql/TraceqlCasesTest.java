package io.sightline.query.traces.traceql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.sightline.query.traces.SpanLines;
import io.sightline.storage.traces.SpanRecord;
import io.sightline.storage.traces.TraceSearch;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The TraceQL subset against {@code src/test/resources/traceql/*.cases} (format in the file's
 * header): each query evaluated over in-memory spans, its matched span ids, its parse error, and the
 * conditions it pushes to a trace store. One dynamic test per query, named {@code file:line}.
 */
class TraceqlCasesTest {
    private static final String[] FILES = {"subset.cases"};
    private static final long BASE = 1_700_000_000_000_000_000L;

    @TestFactory
    List<DynamicTest> cases() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String file : FILES) {
            List<SpanRecord> trace = List.of();
            List<String> lines = read(file);
            int traces = 0;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.equals("trace")) {
                    List<SpanRecord> spans = new ArrayList<>();
                    String traceId = String.format("%032x", ++traces);
                    while (i + 1 < lines.size() && lines.get(i + 1).startsWith("  ")) {
                        spans.add(SpanLines.parse(lines.get(++i), traceId, BASE));
                    }
                    trace = List.copyOf(spans);
                    continue;
                }
                if (!line.startsWith("query:")) {
                    throw new IllegalStateException(file + ":" + (i + 1) + ": expected trace or query: " + line);
                }
                String query = line.substring("query:".length()).strip();
                String expected = lines.get(i + 1);
                String search = i + 2 < lines.size() && lines.get(i + 2).startsWith("search:")
                        ? lines.get(i + 2).substring("search:".length()).strip() : null;
                List<SpanRecord> spans = trace;
                String name = file + ":" + (i + 1);
                tests.add(DynamicTest.dynamicTest(name + " " + query, () -> check(query, expected, search, spans)));
                i += search == null ? 1 : 2;
            }
        }
        return tests;
    }

    private static void check(String query, String expected, String search, List<SpanRecord> spans) {
        if (expected.startsWith("error:")) {
            String message = expected.substring("error:".length()).strip();
            assertThatThrownBy(() -> TraceqlQuery.parse(query))
                    .isInstanceOf(TraceqlParseException.class)
                    .hasMessageContaining(message);
            return;
        }
        if (!expected.startsWith("match:")) {
            fail("expected match: or error: after the query, got " + expected);
        }
        TraceqlQuery parsed = TraceqlQuery.parse(query);
        String ids = parsed.matchedSpans(spans).stream().map(SpanRecord::spanId).collect(Collectors.joining(" "));
        assertThat(ids.isEmpty() ? "-" : ids).isEqualTo(expected.substring("match:".length()).strip());
        if (search != null) {
            TraceSearch s = parsed.candidateSearch(0, Long.MAX_VALUE, Duration.ZERO, Duration.ZERO, 10, Duration.ofSeconds(1));
            assertThat(describe(s)).isEqualTo(search);
        }
    }

    /** The pushed conditions, in a fixed order; "-" for none. */
    static String describe(TraceSearch s) {
        List<String> parts = new ArrayList<>();
        s.service().ifPresent(v -> parts.add("service=" + v));
        s.operation().ifPresent(v -> parts.add("operation=" + v));
        s.kind().ifPresent(v -> parts.add("kind=" + v));
        s.statusCode().ifPresent(v -> parts.add("status=" + v));
        for (TraceSearch.AttributeCondition a : s.attributes()) {
            parts.add("attr=" + a.scope() + ":" + a.key() + "=" + a.value());
        }
        if (!s.minSpanDuration().isZero()) {
            parts.add("minSpan=" + s.minSpanDuration());
        }
        if (!s.maxSpanDuration().isZero()) {
            parts.add("maxSpan=" + s.maxSpanDuration());
        }
        return parts.isEmpty() ? "-" : String.join(" ", parts);
    }

    private static List<String> read(String file) {
        try (InputStream in = TraceqlCasesTest.class.getResourceAsStream("/traceql/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no cases file " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
