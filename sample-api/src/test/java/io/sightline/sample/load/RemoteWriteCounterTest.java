package io.sightline.sample.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.WireFormat;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The remote_write walk on its own, for what the HTTP tests do not reach: each field's wire type,
 * packed runs, groups, and the label checks Prometheus makes of a series.
 */
class RemoteWriteCounterTest {
    private static final long T0 = 1_795_000_000_000L;

    @Test
    void countsSamplesAndHistogramsOfEverySeries() throws Exception {
        ProtobufBytes floatHistogram = new ProtobufBytes().fixed64(2, 4.0).fixed64(5, 0.001).fixed64(7, 1.0)
                .message(8, new ProtobufBytes().sint64(1, -2).varint(2, 1)).packedDouble(10, 3.0)
                .fixed64(13, 1.0).fixed64(13, 2.0) // a repeated double, not packed
                .varint(14, 2).varint(15, T0).packedDouble(16, 0.1, 0.2);
        byte[] request = new ProtobufBytes()
                .message(1, ProtobufBytes.series(new String[] {"__name__", "a"}, ProtobufBytes.sample(1, T0)))
                .message(1, ProtobufBytes.series(new String[] {"__name__", "b", "x", "1"}).message(4, floatHistogram)
                        .message(4, new ProtobufBytes().varint(1, 0).varint(12, 3).varint(12, 1)))
                .message(1, ProtobufBytes.series(new String[] {"__name__", "c"})) // labels, no samples: 0
                .toByteArray();

        assertThat(new RemoteWriteCounter().count(request, request.length)).isEqualTo(3);
        assertThat(new RemoteWriteCounter().count(new byte[0], 0)).isZero();
    }

    @Test
    void skipsUnknownFieldsOfEveryWireTypeGroupsIncluded() throws Exception {
        ProtobufBytes series = ProtobufBytes.series(new String[] {"__name__", "up"}, ProtobufBytes.sample(1, T0))
                .tag(50, WireFormat.WIRETYPE_START_GROUP).varint(1, 1).tag(50, WireFormat.WIRETYPE_END_GROUP)
                .tag(51, WireFormat.WIRETYPE_FIXED32).raw(new byte[4])
                .fixed64(52, 1.0);
        byte[] request = new ProtobufBytes().message(1, series).toByteArray();
        assertThat(new RemoteWriteCounter().count(request, request.length)).isEqualTo(1);
    }

    @Test
    void refusesAKnownFieldOfTheWrongWireType() {
        assertInvalid(ProtobufBytes.series(new String[] {"__name__", "up"}).varint(2, 7), "TimeSeries.samples has wire type 0");
        assertInvalid(ProtobufBytes.series(new String[] {"__name__", "up"})
                .message(2, new ProtobufBytes().varint(1, 1)), "Sample.value has wire type 0, not 1");
        assertInvalid(ProtobufBytes.series(new String[] {"__name__", "up"})
                .message(2, new ProtobufBytes().fixed64(2, 1.0)), "Sample.timestamp has wire type 1, not 0");
        assertInvalid(ProtobufBytes.series(new String[0]).message(1, new ProtobufBytes().varint(1, 3)),
                "Label.name has wire type 0");
        assertInvalid(ProtobufBytes.series(new String[] {"__name__", "up"})
                .message(4, new ProtobufBytes().varint(3, 1)), "Histogram.sum has wire type 0");
        byte[] metadata = new ProtobufBytes().message(3, new ProtobufBytes().varint(4, 1)).toByteArray();
        assertThatThrownBy(() -> new RemoteWriteCounter().count(metadata, metadata.length))
                .hasMessageContaining("MetricMetadata.help has wire type 0");
    }

    @Test
    void refusesMalformedPackedRunsStrayEndGroupsAndBadWireTypes() {
        ProtobufBytes oddPacked = new ProtobufBytes().tag(13, WireFormat.WIRETYPE_LENGTH_DELIMITED).raw(new byte[] {3, 0, 0, 0});
        assertInvalid(ProtobufBytes.series(new String[] {"__name__", "up"}).message(4, oddPacked),
                "packed Histogram.positive_counts is 3 bytes long, not a multiple of 8");
        ProtobufBytes cutVarint = new ProtobufBytes().tag(9, WireFormat.WIRETYPE_LENGTH_DELIMITED).raw((byte) 1, (byte) 0x80);
        assertInvalid(ProtobufBytes.series(new String[] {"__name__", "up"}).message(4, cutVarint),
                "invalid protobuf WriteRequest");
        assertInvalid(ProtobufBytes.series(new String[] {"__name__", "up"}).tag(7, WireFormat.WIRETYPE_END_GROUP),
                "end-group tag");
        assertInvalid(ProtobufBytes.series(new String[] {"__name__", "up"}).raw((byte) (9 << 3 | 6)),
                "invalid protobuf WriteRequest");
        assertInvalid(ProtobufBytes.series(new String[] {"__name__", "up"}).raw((byte) 0),
                "invalid protobuf WriteRequest"); // field number 0
    }

    @Test
    void deeplyNestedUnknownGroupsAreRefusedNotAStackOverflow() {
        int depth = 100_000;
        ProtobufBytes nested = new ProtobufBytes();
        for (int i = 0; i < depth; i++) {
            nested.tag(60, WireFormat.WIRETYPE_START_GROUP);
        }
        for (int i = 0; i < depth; i++) {
            nested.tag(60, WireFormat.WIRETYPE_END_GROUP);
        }
        byte[] request = nested.toByteArray();
        assertThatThrownBy(() -> new RemoteWriteCounter().count(request, request.length))
                .isInstanceOf(RemoteWriteCounter.InvalidWriteRequest.class)
                .hasMessageContaining("too many levels of nesting");
    }

    @Test
    void refusesASeriesWhoseLabelsPrometheusWouldNotTake() {
        assertInvalid(ProtobufBytes.series(new String[] {"__name__", ""}, ProtobufBytes.sample(1, T0)),
                "series 0 of the request has an empty metric name (__name__): {__name__=\"\"}");
        assertInvalid(ProtobufBytes.series(new String[] {"", "x", "__name__", "up"}, ProtobufBytes.sample(1, T0)),
                "has a label with an empty name");
        assertInvalid(ProtobufBytes.series(new String[] {"__name__", "up", "job", "a", "job", "b"}),
                "has the label name job twice");
        assertInvalid(ProtobufBytes.series(new String[] {"job", "a", "__name__", "up", "instance", "i", "job", "b"}),
                "has the label name job twice"); // out of order: found by sorting
        byte[] second = new ProtobufBytes()
                .message(1, ProtobufBytes.series(new String[] {"__name__", "up"}, ProtobufBytes.sample(1, T0)))
                .message(1, ProtobufBytes.series(new String[] {"job", "a"}, ProtobufBytes.sample(1, T0)))
                .toByteArray();
        assertThatThrownBy(() -> new RemoteWriteCounter().count(second, second.length))
                .hasMessageStartingWith("series 1 of the request has no metric name");
        byte[] badExemplar = new ProtobufBytes().message(1, ProtobufBytes.series(new String[] {"__name__", "up"})
                .message(3, new ProtobufBytes().message(1, new ProtobufBytes().bytes(1, new byte[] {(byte) 0xED,
                        (byte) 0xA0, (byte) 0x80}).string(2, "v")))).toByteArray(); // a UTF-16 surrogate
        assertThatThrownBy(() -> new RemoteWriteCounter().count(badExemplar, badExemplar.length))
                .hasMessageContaining("Label.name at byte").hasMessageContaining("is not valid UTF-8");
    }

    @Test
    void takesLabelsOutOfOrderAndEmptyValuesAsPrometheusDoes() throws Exception {
        byte[] request = new ProtobufBytes().message(1, ProtobufBytes.series(
                new String[] {"zone", "", "job", "api", "__name__", "up"}, ProtobufBytes.sample(1, T0))).toByteArray();
        assertThat(new RemoteWriteCounter().count(request, request.length)).isEqualTo(1);
    }

    @Test
    void countsOnlyTheGivenLengthOfTheArray() throws Exception {
        byte[] one = new ProtobufBytes().message(1, ProtobufBytes.series(new String[] {"__name__", "up"},
                ProtobufBytes.sample(1, T0))).toByteArray();
        byte[] padded = Arrays.copyOf(one, one.length + 10);
        Arrays.fill(padded, one.length, padded.length, (byte) 0xFF);
        assertThat(new RemoteWriteCounter().count(padded, one.length)).isEqualTo(1);
    }

    private static void assertInvalid(ProtobufBytes series, String message) {
        byte[] request = new ProtobufBytes().message(1, series).toByteArray();
        assertThatThrownBy(() -> new RemoteWriteCounter().count(request, request.length))
                .isInstanceOf(RemoteWriteCounter.InvalidWriteRequest.class)
                .hasMessageContaining(message);
    }
}
