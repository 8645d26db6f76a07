package io.sightline.sample.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Decodes what {@link RemoteWriteRequests} encodes and checks series, labels and samples. */
class RemoteWriteRequestsTest {

    private static final long INTERVAL = 15_000;
    private static final long T0 = 1_795_000_000_000L;

    @Test
    void everySeriesOfTheSenderIsSentOncePerScrapeWithSortedLabels() throws IOException {
        int series = 250; // targets 0, 1 (100 each) and 2 (50): a truncated last target
        RemoteWriteRequests requests = new RemoteWriteRequests(new ScrapeState(7, new int[] {0, 1, 2}), series, 64,
                INTERVAL);
        List<RemoteWriteDecoder.Series> round = decodeRound(requests, T0);

        assertThat(requests.requestsPerRound()).isEqualTo((series + 63) / 64);
        assertThat(round).hasSize(series);
        Set<Map<String, String>> distinct = new HashSet<>();
        for (RemoteWriteDecoder.Series s : round) {
            assertThat(distinct.add(s.labels())).as("unique label set %s", s.labels()).isTrue();
            List<String> names = new ArrayList<>(s.labels().keySet());
            assertThat(names.getFirst()).isEqualTo("__name__");
            assertThat(names).isSorted();
            assertThat(s.labels()).containsKeys("job", "instance");
            assertThat(s.samples()).hasSize(1);
        }
        assertThat(round.stream().filter(s -> s.name().equals("http_requests_total"))).hasSize(3 * 30);
        assertThat(round.stream().filter(s -> s.name().equals("http_request_duration_seconds_bucket")))
                .hasSize(2 * 55 + 11 + 7); // target 2's 20 histogram slots: one full histogram (13), 7 buckets
        assertThat(round.stream().filter(s -> s.name().equals("up"))).hasSize(2);
        assertThat(round.getFirst().labels()).containsExactly(
                Map.entry("__name__", "http_requests_total"), Map.entry("instance", "10.0.0.1:8080"),
                Map.entry("job", "api-gateway"), Map.entry("method", "GET"), Map.entry("path", "/api/v1/orders"),
                Map.entry("status", "200"));
    }

    @Test
    void timestampsStepByTheIntervalAndCountersAndHistogramsOnlyGrow() throws IOException {
        RemoteWriteRequests requests = new RemoteWriteRequests(new ScrapeState(3, new int[] {5, 9}), 10_000, 2_000,
                INTERVAL);
        Map<Map<String, String>, RemoteWriteDecoder.Sample> previous = new HashMap<>();
        for (int r = 0; r < 20; r++) {
            List<RemoteWriteDecoder.Series> round = decodeRound(requests, T0 + r * INTERVAL);
            assertThat(round).hasSize(200);
            for (RemoteWriteDecoder.Series s : round) {
                RemoteWriteDecoder.Sample sample = s.samples().getFirst();
                int target = s.labels().get("instance").equals(MetricSeriesShape.instance(5)) ? 5 : 9;
                assertThat(sample.timestampMillis())
                        .isEqualTo(T0 + r * INTERVAL + MetricSeriesShape.scrapeOffsetMillis(target, INTERVAL));
                RemoteWriteDecoder.Sample before = previous.put(s.labels(), sample);
                if (before != null && !s.name().startsWith("process_") && !s.name().startsWith("http_requests_in")) {
                    assertThat(sample.value()).as("%s", s.labels()).isGreaterThanOrEqualTo(before.value());
                }
            }
            assertHistogramsConsistent(round);
            requests.advance();
        }
    }

    /** Buckets cumulative in le, +Inf equal to _count, for every histogram of a scrape. */
    private static void assertHistogramsConsistent(List<RemoteWriteDecoder.Series> round) {
        Map<String, List<RemoteWriteDecoder.Series>> buckets = new HashMap<>();
        Map<String, Double> counts = new HashMap<>();
        for (RemoteWriteDecoder.Series s : round) {
            String key = s.labels().get("instance") + s.labels().get("path");
            if (s.name().equals("http_request_duration_seconds_bucket")) {
                buckets.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
            } else if (s.name().equals("http_request_duration_seconds_count")) {
                counts.put(key, s.samples().getFirst().value());
            }
        }
        assertThat(buckets).hasSize(10);
        buckets.forEach((key, list) -> {
            assertThat(list).hasSize(11);
            for (int i = 1; i < list.size(); i++) {
                assertThat(list.get(i).samples().getFirst().value()).isGreaterThanOrEqualTo(list.get(i - 1).samples().getFirst().value());
            }
            assertThat(list.getLast().labels().get("le")).isEqualTo("+Inf");
            assertThat(list.getLast().samples().getFirst().value()).isEqualTo(counts.get(key));
        });
    }

    @Test
    void timestampsAreSixByteVarintsThatProtobufReadsBack() throws IOException {
        long seed = Long.getLong("tests.seed", System.nanoTime());
        System.out.println("RemoteWriteRequestsTest seed " + seed + " (replay with -Dtests.seed=" + seed + ")");
        SplittableRandom random = new SplittableRandom(seed);
        byte[] buffer = new byte[RemoteWriteRequests.TIMESTAMP_BYTES];
        long[] edges = {0, 1, 127, 128, (1L << 35) - 1, 1L << 35, RemoteWriteRequests.MAX_TIMESTAMP_MILLIS};
        for (long v : edges) {
            RemoteWriteRequests.writeTimestamp(buffer, 0, v);
            assertThat(CodedInputStream.newInstance(buffer).readInt64()).isEqualTo(v);
        }
        for (int i = 0; i < 1_000; i++) {
            long v = random.nextLong(RemoteWriteRequests.MAX_TIMESTAMP_MILLIS + 1);
            RemoteWriteRequests.writeTimestamp(buffer, 0, v);
            CodedInputStream in = CodedInputStream.newInstance(buffer);
            assertThat(in.readInt64()).as("seed %d", seed).isEqualTo(v);
            assertThat(in.isAtEnd()).isTrue();
        }
        assertThatThrownBy(() -> RemoteWriteRequests.writeTimestamp(buffer, 0, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RemoteWriteRequests.writeTimestamp(buffer, 0, 1L << 42))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<RemoteWriteDecoder.Series> decodeRound(RemoteWriteRequests requests, long roundMillis)
            throws IOException {
        byte[] out = new byte[requests.maxBodyBytes()];
        List<RemoteWriteDecoder.Series> all = new ArrayList<>();
        for (int k = 0; k < requests.requestsPerRound(); k++) {
            int length = requests.encode(k, roundMillis, out);
            List<RemoteWriteDecoder.Series> decoded = RemoteWriteDecoder.decode(out, length);
            assertThat(decoded).hasSize(requests.samples(k));
            all.addAll(decoded);
        }
        return all;
    }
}
