package io.sightline.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.sightline.query.traces.CriticalPath;
import io.sightline.storage.traces.SpanRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Aligning two traces' waterfalls by service, operation and depth order, and per-operation differences. */
class TraceComparisonTest {
    /**
     * Each case: trace A, trace B (see {@link TestSpans}), the aligned rows as {@code aId/bId} ({@code -}
     * for a missing side) with B's duration minus A's in ms, and the per-operation differences.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            same shape, slower child         | a<- f/GET 0-100; b<a o/x 10-50 | A<- f/GET 0-150; B<A o/x 10-90 | a/A:50 b/B:40 | f/GET:1:1:50 o/x:1:1:40
            B has an extra span in between   | a<- f/GET 0-100; c<a o/z 50-60 | A<- f/GET 0-100; B<A o/y 10-20; C<A o/z 50-60 | a/A:0 -/B:0 c/C:0 | o/y:0:1:10 f/GET:1:1:0 o/z:1:1:0
            A has a span B lacks              | a<- f/GET 0-100; b<a o/x 10-20 | A<- f/GET 0-90 | a/A:-10 b/-:0 | f/GET:1:1:-10 o/x:1:0:-10
            repeated operations pair in order | a<- f/GET 0-100; b<a o/x 0-10; c<a o/x 20-40 | A<- f/GET 0-100; B<A o/x 0-20; C<A o/x 30-40 | a/A:0 b/B:10 c/C:-10 | f/GET:1:1:0 o/x:2:2:0
            same operation at another depth   | a<- f/GET 0-100; b<a o/x 0-10 | A<- f/GET 0-100; B<A o/y 0-50; C<B o/x 0-10 | a/A:0 -/B:0 -/C:0 b/-:0 | o/y:0:1:50 f/GET:1:1:0 o/x:1:1:0
            a B-only span before every match  | b<- o/x 10-20 | A<- f/GET 0-100; B<A o/x 10-20 | -/A:0 -/B:0 b/-:0 | f/GET:0:1:100 o/x:1:1:0
            """)
    void aligns(String name, String a, String b, String rows, String operations) {
        TraceComparison.Result result = TraceComparison.of(layout(a), layout(b));
        assertThat(result.rows().stream().map(r -> id(r.a()) + "/" + id(r.b()) + ":" + r.differenceNanos() / 1_000_000)
                .toList()).as(name).containsExactly(rows.strip().split("\\s+"));
        assertThat(result.operations().stream().map(o -> o.service() + "/" + o.operation() + ":" + o.countA() + ":"
                + o.countB() + ":" + o.differenceNanos() / 1_000_000).toList()).as(name)
                .containsExactly(operations.strip().split("\\s+"));
    }

    private static List<WaterfallRow> layout(String spans) {
        List<SpanRecord> records = TestSpans.parse(spans);
        return Waterfall.of(records, CriticalPath.of(records)).rows();
    }

    private static String id(WaterfallRow row) {
        return row == null ? "-" : row.span().spanId();
    }
}
