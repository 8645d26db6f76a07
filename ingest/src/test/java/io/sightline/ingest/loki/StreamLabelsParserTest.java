package io.sightline.ingest.loki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StreamLabelsParserTest {
    /** Input | the pairs as name=value joined by ';' (values shown with Java escapes resolved by the test). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            {job="varlogs"}                                  | job=varlogs
            {job="a", app="b"}                               | job=a;app=b
            '  { job = "a" ,app="b"  }  '                    | job=a;app=b
            {_x1="v"}                                        | _x1=v
            {a=""}                                           | a=
            {a="say \\"hi\\""}                               | a=say "hi"
            {a="back\\\\slash"}                              | a=back\\slash
            {a="tab\\there"}                                 | a=tab	here
            {a="\\x41\\102\\u00e9\\U0001F600"}               | a=ABé😀
            {a="\\xc3\\xa9"}                                 | a=é
            {a=`raw \\n "quoted"`}                           | a=raw \\n "quoted"
            {a="b", a="c"}                                   | a=b;a=c
            {a="日本"}                                        | a=日本
            """)
    void parsesSelectors(String input, String expected) {
        String pairs = StreamLabelsParser.parse(input).stream().map(l -> l.name() + "=" + l.value())
                .collect(Collectors.joining(";"));
        assertThat(pairs).isEqualTo(expected);
    }

    @Test
    void emptySelectorsHaveNoPairs() {
        assertThat(StreamLabelsParser.parse("{}")).isEmpty();
        assertThat(StreamLabelsParser.parse(" { } ")).isEmpty();
        assertThat(StreamLabelsParser.parse("")).isEmpty();
    }

    /** Input | the start of the error message. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            job="a"                 | expected '{', found 'j' at column 1
            {job="a"                | expected ',' or '}' but the labels end at column 9
            {job="a",}              | expected a label name ([a-zA-Z_][a-zA-Z0-9_]*), found '}' at column 10
            {job="a"}x              | unexpected 'x' after '}' at column 10
            {job=~"a"}              | expected a quoted value for label "job", found '~' at column 6
            {job!="a"}              | expected '=' after label name "job", found '!' at column 5
            {1job="a"}              | expected a label name ([a-zA-Z_][a-zA-Z0-9_]*), found '1' at column 2
            {foo.bar="a"}           | expected '=' after label name "foo", found '.' at column 5
            {job=a}                 | expected a quoted value for label "job", found 'a' at column 6
            {job="a}                | unterminated string value of label "job" at column 9
            {job="\\q"}             | unknown escape \\q in the value of label "job" at column 9
            {job="\\xZZ"}           | escape in the value of label "job" needs 2 hexadecimal digits at column 9
            {job="\\400"}           | octal escape of label "job" is over 255 at column 11
            {job="\\ud800"}         | escape \\u of label "job" is not a valid code point at column 13
            {job="\\xff"}           | the value of label "job" is not valid UTF-8 at column 12
            {job=`a}                | unterminated raw string value of label "job" at column 9
            """)
    void refusesWhatLokiCannotParse(String input, String message) {
        assertThatThrownBy(() -> StreamLabelsParser.parse(input)).isInstanceOf(InvalidLabelsException.class)
                .hasMessage(message);
    }

    @Test
    void quotedValuesReadBackExactly() {
        for (String value : List.of("", "plain", "say \"hi\"", "a\\b", "line\nbreak\ttab\r", "\u0001\u007f", "é日本😀")) {
            String selector = "{a=" + StreamLabelsParser.quote(value) + "}";
            assertThat(StreamLabelsParser.parse(selector)).as(selector).containsExactly(new LokiLabel("a", value));
        }
    }
}
