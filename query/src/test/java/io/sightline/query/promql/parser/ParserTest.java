package io.sightline.query.promql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.sightline.query.promql.PromqlParseException;

class ParserTest {
    /** Query in, Prometheus's canonical text out (what format_query answers for queries up to 100 bytes). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            foo                                          | foo
            foo{a="b",c=~"d"}                            | foo{a="b",c=~"d"}
            foo{c="d", a="b",}                           | foo{a="b",c="d"}
            {__name__="foo"}                             | {__name__="foo"}
            {__name__=~"foo.*"}                          | {__name__=~"foo.*"}
            {"foo.bar"}                                  | {"foo.bar"}
            foo[5m]                                      | foo[5m]
            foo[90m]                                     | foo[1h30m]
            foo[300]                                     | foo[5m]
            foo offset 5m                                | foo offset 5m
            foo offset -5m                               | foo offset -5m
            foo @ 100                                    | foo @ 100.000
            foo offset 1m @ 100.5                        | foo @ 100.500 offset 1m
            foo[5m] @ start()                            | foo[5m] @ start()
            foo @ end()                                  | foo @ end()
            rate(foo[5m:1m])                             | rate(foo[5m:1m])
            rate(foo[5m:])                               | rate(foo[5m:])
            max_over_time(rate(x[1m])[1h:5m] offset 1d)  | max_over_time(rate(x[1m])[1h:5m] offset 1d)
            1 + 2 * 3                                    | 1 + 2 * 3
            (1 + 2) * 3                                  | (1 + 2) * 3
            -1                                           | -1
            - 1                                          | -1
            -(1)                                         | -(1)
            +foo                                         | +foo
            -foo ^ 2                                     | -foo ^ 2
            0x1F                                         | 31
            010                                          | 8
            1e3                                          | 1000
            .5                                           | 0.5
            Inf                                          | +Inf
            -inf                                         | -Inf
            NaN                                          | NaN
            5m                                           | 5m
            "a\\nb"                                      | "a\\nb"
            `raw\\n`                                     | "raw\\\\n"
            a and b or c unless d                        | a and b or c unless d
            a > bool 1                                   | a > bool 1
            a * on(job) group_left(x, y) b               | a * on (job) group_left (x, y) b
            a * ignoring(job) group_right b              | a * ignoring (job) group_right () b
            a + on() b                                   | a + on () b
            sum by (job) (rate(x[5m]))                   | sum by (job) (rate(x[5m]))
            sum(rate(x[5m])) by (job)                    | sum by (job) (rate(x[5m]))
            sum without(a,b)(x)                          | sum without (a, b) (x)
            topk(5, x)                                   | topk(5, x)
            count_values("v", x)                         | count_values("v", x)
            SUM(x)                                       | sum(x)
            sum by (on, group_left) (x)                  | sum by (on, group_left) (x)
            histogram_quantile(0.9, sum by (le) (rate(h_bucket[5m]))) | histogram_quantile(0.9, sum by (le) (rate(h_bucket[5m])))
            foo # a comment                              | foo
            offset                                       | offset
            """)
    void printsCanonicalForm(String query, String canonical) {
        String printed = Parser.parse(query).toString();
        assertThat(printed).isEqualTo(canonical);
        assertThat(Parser.parse(printed).toString()).as("printing is stable").isEqualTo(canonical);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            foo bar                        | 1:5: parse error: unexpected identifier "bar"
            foo{                           | 1:5: parse error: unexpected end of input in label matching, expected label
            foo{a=1}                       | 1:7: parse error: unexpected number "1" in label matching, expected string
            sum(                           | 1:5: parse error: unexpected end of input
            (1                             | 1:3: parse error: unexpected end of input, expected ")"
            rate(foo)                      | 1:6: parse error: expected type range vector in call to function "rate", got instant vector
            unknown(foo)                   | 1:1: parse error: unknown function with name "unknown"
            {}                             | 1:1: parse error: vector selector must contain at least one non-empty matcher
            'a +\nb +'                     | 2:4: parse error: unexpected end of input
            foo[5x]                        | 1:5: parse error: bad number or duration syntax: "5x"
            foo offset 1m offset 2m        | 1:15: parse error: offset may not be set multiple times
            sum(x) offset 1m               | 1:8: parse error: offset modifier must be preceded by an instant vector selector or range vector selector or a subquery
            foo @ 1 @ 2                    | 1:9: parse error: @ <timestamp> may not be set multiple times
            "unterminated                  | 1:1: parse error: unterminated quoted string "unterminated
            foo{a="\\q"}                   | 1:7: parse error: invalid syntax
            foo ! bar                      | 1:5: parse error: unexpected character after '!': ' '
            foo ~ bar                      | 1:5: parse error: unexpected character: '~'
            rate(foo[5m],)                 | 1:13: parse error: trailing commas not allowed in function call args
            a * on(x) group_left(x) b      | 1:1: parse error: label "x" must not occur in ON and GROUP clause at once
            -"a"                           | 1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got "string"
            ''                             | 1:1: parse error: no expression found in input
            """)
    void reportsErrorsLikePrometheus(String query, String message) {
        String q = query.replace("\\n", "\n");
        assertThatThrownBy(() -> Parser.parse(q)).isInstanceOf(PromqlParseException.class).hasMessage(message);
    }

    @org.junit.jupiter.api.Test
    void singleQuotedStringsAllowEscapedSingleQuotes() {
        assertThat(((StringLiteral) Parser.parse("'it\\'s'")).value()).isEqualTo("it's");
        assertThat(Parser.parse("'a\"b'").toString()).isEqualTo("\"a\\\"b\"");
    }

    @org.junit.jupiter.api.Test
    void selectorKeepsMatchersAndNameMatcherLast() {
        VectorSelector vs = (VectorSelector) Parser.parse("foo{a!~\"x.*\"} offset 1h");
        assertThat(vs.name()).isEqualTo("foo");
        assertThat(vs.offsetMs()).isEqualTo(3_600_000);
        assertThat(vs.matchers()).hasSize(2);
        assertThat(vs.matchers().getLast().toString()).isEqualTo("__name__=\"foo\"");
    }

    @org.junit.jupiter.api.Test
    void precedenceAndAssociativity() {
        BinaryExpr pow = (BinaryExpr) Parser.parse("2 ^ 3 ^ 2");
        assertThat(pow.rhs()).isInstanceOf(BinaryExpr.class);
        BinaryExpr minus = (BinaryExpr) Parser.parse("5 - 2 - 1");
        assertThat(minus.lhs()).isInstanceOf(BinaryExpr.class);
        BinaryExpr or = (BinaryExpr) Parser.parse("a or b and c");
        assertThat(or.op()).isEqualTo(BinaryOp.LOR);
        assertThat(((BinaryExpr) or.rhs()).op()).isEqualTo(BinaryOp.LAND);
        UnaryExpr neg = (UnaryExpr) Parser.parse("-a ^ 2");
        assertThat(neg.expr()).isInstanceOf(BinaryExpr.class);
        BinaryExpr mul = (BinaryExpr) Parser.parse("-a * 2");
        assertThat(mul.lhs()).isInstanceOf(UnaryExpr.class);
    }

    @org.junit.jupiter.api.Test
    void durationsRoundTrip() {
        assertThat(Durations.parseMillis("1h30m")).isEqualTo(5_400_000);
        assertThat(Durations.parseMillis("1y")).isEqualTo(365L * 86_400_000);
        assertThat(Durations.parseMillis("250ms")).isEqualTo(250);
        assertThat(Durations.format(7 * 86_400_000L)).isEqualTo("1w");
        assertThat(Durations.format(90 * 86_400_000L)).isEqualTo("90d");
        assertThat(Durations.format(0)).isEqualTo("0s");
        assertThat(Durations.format(61_001)).isEqualTo("1m1s1ms");
        assertThatThrownBy(() -> Durations.parseMillis("5m1h")).hasMessageContaining("not a valid duration string");
    }
}
