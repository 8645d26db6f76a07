package io.sightline.query.logql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.sightline.query.logql.parser.LogSelectorExpr;
import io.sightline.query.logql.parser.RangeAggregationExpr;
import io.sightline.storage.tsdb.LabelMatcher;

/** The entry points: limits, {@code parseSelector}, and the tree a typical query gives. */
class LogqlTest {
    @Test
    void queriesOverTheByteLimitAreRefusedBeforeLexing() {
        LogqlParserConfig config = new LogqlParserConfig(32, 10);
        String query = "{app=\"" + "é".repeat(13) + "\"}";
        assertThat(query).hasSizeLessThan(32);
        assertThatThrownBy(() -> Logql.parse(query, config))
                .isInstanceOf(LogqlParseException.class)
                .hasMessage("parse error at line 1, col 1: input size too long (34 > 32)");
        assertThat(Logql.parse("{app=\"x\"}", config)).isInstanceOf(LogSelectorExpr.class);
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() {
        LogqlParserConfig config = new LogqlParserConfig(LogqlParserConfig.DEFAULT_MAX_QUERY_BYTES, 5);
        assertThat(Logql.parse("((((1))))", config)).isNotNull();
        assertThatThrownBy(() -> Logql.parse("(((((((1)))))))", config))
                .isInstanceOf(LogqlParseException.class)
                .hasMessageContaining("query is nested too deeply (more than 5 levels)");
        assertThatThrownBy(() -> Logql.parse("{a=\"b\"} | ((((((x=\"1\"))))))", config))
                .hasMessageContaining("nested too deeply");
        String deep = "(".repeat(100_000) + "1" + ")".repeat(100_000);
        assertThatThrownBy(() -> Logql.parse(deep, new LogqlParserConfig(1 << 20, 256)))
                .hasMessageContaining("more than 256 levels");
    }

    @Test
    void theDefaultsAreDocumented() {
        assertThat(LogqlParserConfig.defaults()).isEqualTo(new LogqlParserConfig(64 * 1024, 256));
        assertThatThrownBy(() -> new LogqlParserConfig(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LogqlParserConfig(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseSelectorTakesOnlyABareSelector() {
        assertThat(Logql.parseSelector("{app=\"api\", env=~\"prod.*\"}")).containsExactly(
                LabelMatcher.equal("app", "api"), LabelMatcher.of(LabelMatcher.Type.REGEX, "env", "prod.*"));
        assertThatThrownBy(() -> Logql.parseSelector("{app=\"api\"} |= \"x\""))
                .hasMessage("parse error at line 1, col 1: only label matchers is supported");
        assertThatThrownBy(() -> Logql.parseSelector("rate({app=\"api\"}[5m])"))
                .hasMessageContaining("only label matchers is supported");
        assertThatThrownBy(() -> Logql.parseSelector("{app=~\".*\"}"))
                .hasMessageContaining("queries require at least one regexp or equality matcher");
    }

    @Test
    void errorsCarryLineAndColumnInCharacters() {
        LogqlParseException e = org.assertj.core.api.Assertions.catchThrowableOfType(LogqlParseException.class,
                () -> Logql.parse("{app=\"日本\"}\n  | json |= x"));
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(13);
        assertThat(e.offset()).isEqualTo(23);
        assertThat(e.detail()).isEqualTo("syntax error: unexpected IDENTIFIER, expecting STRING");
    }

    @Test
    void aMetricQueryGivesItsTree() {
        var expr = (RangeAggregationExpr) Logql.parse(
                "quantile_over_time(0.99, {app=\"api\"} | json | unwrap duration(latency) [5m] offset 1h) by (path)");
        assertThat(expr.param().getAsDouble()).isEqualTo(0.99);
        assertThat(expr.range().range()).hasMinutes(5);
        assertThat(expr.range().offset()).hasHours(1);
        assertThat(expr.range().unwrap().orElseThrow().label()).isEqualTo("latency");
        assertThat(expr.grouping().orElseThrow().labels()).isEqualTo(List.of("path"));
        assertThat(Logql.format(expr)).isEqualTo(
                "quantile_over_time(0.99,{app=\"api\"} | json | unwrap duration(latency)[5m] offset 1h0m0s) by (path)");
    }
}
