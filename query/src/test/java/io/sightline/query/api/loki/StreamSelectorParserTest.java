package io.sightline.query.api.loki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.sightline.query.api.BadRequestException;
import io.sightline.storage.tsdb.LabelMatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Stream selectors as Loki's {@code match[]} and {@code query} hold them, and the ones it refuses. */
class StreamSelectorParserTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '\'', textBlock = """
            {app="api"} => {app="api"}
            '  { app = "api" , env=~"prod|stage" }  ' => {app="api",env=~"prod|stage"}
            {a!="x", b!~"y.*", c=~".+"} => {a!="x",b!~"y.*",c=~".+"}
            {path=`C:\\dir`} => {path="C:\\dir"}
            """)
    void parses(String selector, String expected) {
        assertThat(LokiApiServer.RecordingCatalogue.text(StreamSelectorParser.parse(selector))).isEqualTo(expected);
    }

    @Test
    void goStringEscapes() {
        List<LabelMatcher> matchers = StreamSelectorParser.parse("{msg=\"say \\\"hi\\\"\\n\", _x9=\"\\u00e9\\x41\"}");
        assertThat(matchers.get(0).value()).isEqualTo("say \"hi\"\n");
        assertThat(matchers.get(1).name()).isEqualTo("_x9");
        assertThat(matchers.get(1).value()).isEqualTo("\u00e9A");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '\'', textBlock = """
            app="api" => parse error at line 1, col 1
            {app="api" => parse error at line 1
            {app="api"} |= "x" => only label matchers is supported
            sum(count_over_time({app="api"}[1m])) => only label matchers is supported
            """)
    void refuses(String selector, String message) {
        assertThatThrownBy(() -> StreamSelectorParser.parse(selector)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '\'', textBlock = """
            {app=~".*"}
            {app=""}
            {app!="x"}
            '{a=~".*", b!~"y"}'
            """)
    void refusesSelectorsThatMatchEverything(String selector) {
        assertThatThrownBy(() -> StreamSelectorParser.parse(selector)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("at least one regexp or equality matcher");
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '\'', textBlock = """
            {app="x"} => true
            '  ( {app="x"} |= "y")' => true
            '# note\\n{app="x"}' => true
            sum(rate({app="x"}[1m])) => false
            '(count_over_time({a="b"}[5m]))' => false
            vector(1) => false
            '' => false
            """)
    void tellsLogQueriesFromMetricQueries(String query, boolean log) {
        assertThat(LogqlQueryKind.isLogQuery(query.replace("\\n", "\n"))).isEqualTo(log);
    }
}
