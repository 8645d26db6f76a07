package io.sightline.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.sightline.query.traces.CriticalPath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Waterfall layout: order, depth, child counts, bars in percent of the trace and critical path pieces. */
class WaterfallTest {
    /**
     * Each case: spans (see {@link TestSpans}) and the expected rows in order, as
     * {@code id:depth:children:offset:width[:c]} where {@code c} marks a span on the critical path.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            one span fills the track           | a<- f/GET 0-100                                          | a:0:0:0.0:100.0:c
            children by start, depth-first    | a<- f/GET 0-100; c<a o/late 50-90; b<a o/early 10-40; d<b i/db 10-20 | a:0:2:0.0:100.0:c b:1:1:10.0:30.0:c d:2:0:10.0:10.0:c c:1:0:50.0:40.0:c
            missing parent drawn as a root    | x<gone o/orphan 0-50; y<x i/db 10-60                     | x:0:1:0.0:83.333:c y:1:0:16.667:83.333:c
            zero-length trace is full width    | a<- f/GET 5-5                                            | a:0:0:0.0:100.0
            a tiny span keeps a visible bar    | a<- f/GET 0-10000; b<a o/x 5000-5000                      | a:0:1:0.0:100.0:c b:1:0:50.0:0.1
            a cycle does not loop              | a<b f/x 0-10; b<a o/y 0-5                                | a:0:1:0.0:100.0:c b:1:0:0.0:50.0:c
            """)
    void laysOut(String name, String spans, String expected) {
        List<io.sightline.storage.traces.SpanRecord> records = TestSpans.parse(spans);
        Waterfall.Layout layout = Waterfall.of(records, CriticalPath.of(records));
        List<String> actual = layout.rows().stream().map(row -> row.span().spanId() + ":" + row.depth() + ":"
                + row.children() + ":" + row.bar().offsetPercent() + ":" + row.bar().widthPercent()
                + (row.onCriticalPath() ? ":c" : "")).toList();
        assertThat(actual).as(name).containsExactly(expected.strip().split("\\s+"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a child's end bounds its parent's path | a<- f/GET 0-100; b<a o/x 20-80 | a:0.0:20.0 a:80.0:20.0 b:20.0:60.0
            """)
    void criticalPathPiecesAreBarsOfTheirSpan(String name, String spans, String expected) {
        List<io.sightline.storage.traces.SpanRecord> records = TestSpans.parse(spans);
        Waterfall.Layout layout = Waterfall.of(records, CriticalPath.of(records));
        List<String> actual = layout.rows().stream().flatMap(row -> row.critical().stream()
                .map(bar -> row.span().spanId() + ":" + bar.offsetPercent() + ":" + bar.widthPercent())).toList();
        assertThat(actual).as(name).containsExactly(expected.strip().split("\\s+"));
    }

    @org.junit.jupiter.api.Test
    void anEmptyTraceHasNoRows() {
        assertThat(Waterfall.of(List.of(), List.of()).rows()).isEmpty();
    }
}
