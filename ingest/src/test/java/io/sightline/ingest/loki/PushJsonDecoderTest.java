package io.sightline.ingest.loki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PushJsonDecoderTest {
    @Test
    void readsLokisJsonPush() {
        List<PushStream> streams = decode("""
                {"streams":[
                  {"stream":{"job":"api","app":"say \\"hi\\""},"values":[
                     ["1767225600000000001","first"],
                     ["1767225600000000002","second",{"trace_id":"abc","user":"u1"}]]},
                  {"stream":{},"values":[]},
                  {"values":[["-5","old"]],"other":[1,2]}],
                 "format":"ignored"}
                """);

        assertThat(streams).containsExactly(
                new PushStream("{app=\"say \\\"hi\\\"\", job=\"api\"}", List.of(
                        new PushStream.Entry(1_767_225_600_000_000_001L, "first", List.of()),
                        new PushStream.Entry(1_767_225_600_000_000_002L, "second",
                                List.of(new LokiLabel("trace_id", "abc"), new LokiLabel("user", "u1"))))),
                new PushStream("{}", List.of()),
                new PushStream("{}", List.of(new PushStream.Entry(-5, "old", List.of()))));
        assertThat(StreamLabelsParser.parse(streams.getFirst().labels()))
                .containsExactly(new LokiLabel("app", "say \"hi\""), new LokiLabel("job", "api"));
    }

    /** Body | the start of the message after "invalid JSON push request: ". */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            {"streams":[{"stream":{"a":"b"},"values":[[1767225600,"line"]]}]}         | an entry must start with its timestamp as a string of Unix nanoseconds
            {"streams":[{"stream":{"a":"b"},"values":[["12.5","line"]]}]}             | entry timestamp "12.5" is not an integer of Unix nanoseconds
            {"streams":[{"stream":{"a":"b"},"values":[["yesterday","line"]]}]}        | entry timestamp "yesterday" is not an integer
            {"streams":[{"stream":{"a":"b"},"values":[["1"]]}]}                       | an entry's second element must be the log line
            {"streams":[{"stream":{"a":"b"},"values":[["1","x",{"k":1}]]}]}           | the value of "k" must be a string
            {"streams":[{"stream":{"a":"b"},"values":[["1","x",{},"y"]]}]}            | an entry has at most 3 elements
            {"streams":[{"stream":{"a":"b"},"values":[["1","x","y"]]}]}               | an entry's third element must be an object
            {"streams":[{"stream":{"a":2},"values":[]}]}                              | the value of "a" must be a string
            {"streams":[                                                              | 
            []                                                                        | 
            {"streams":[]} {}                                                         | unexpected content after the request object
            """)
    void refusesMalformedBodies(String body, String message) {
        assertThatThrownBy(() -> decode(body)).isInstanceOf(MalformedPushException.class)
                .hasMessageStartingWith("invalid JSON push request: " + (message == null ? "" : message));
    }

    private static List<PushStream> decode(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return PushJsonDecoder.decode(body, body.length);
    }
}
