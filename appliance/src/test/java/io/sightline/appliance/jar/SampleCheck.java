package io.sightline.appliance.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Compares what a range-vector query returned for one client's series with what that client sent
 * ({@link MetricSender}): every acknowledged request must be in every series exactly once with its
 * value; an unacknowledged one in all series once or in none; nothing else may be there. Keeps the
 * first {@value #EXAMPLES} findings of each kind as text, and counts them all. Not thread-safe.
 */
final class SampleCheck {
    private static final int EXAMPLES = 20;

    private final int seriesPerClient;
    private final Findings missing = new Findings();
    private final Findings duplicates = new Findings();
    private final Findings wrong = new Findings();
    private final Findings partial = new Findings();
    private long samples;
    private long unacknowledgedStored;

    SampleCheck(int seriesPerClient) {
        this.seriesPerClient = seriesPerClient;
    }

    /**
     * Checks the {@code data} of an instant query {@code metric{client="c"}[range]} against the
     * client's acknowledged and unacknowledged requests (seq to timestamp).
     */
    void client(int client, JsonObject data, Map<Long, Long> acknowledged, Map<Long, Long> unacknowledged) {
        assertThat(data.get("resultType").getAsString()).isEqualTo("matrix");
        Map<Long, Long> seqByTime = new HashMap<>();
        acknowledged.forEach((seq, time) -> seqByTime.put(time, seq));
        unacknowledged.forEach((seq, time) -> seqByTime.put(time, seq));
        Map<Integer, Map<Long, Integer>> countsBySeries = new HashMap<>();
        for (JsonElement element : data.getAsJsonArray("result")) {
            JsonObject series = element.getAsJsonObject();
            JsonObject metric = series.getAsJsonObject("metric");
            assertThat(metric.get("client").getAsString()).isEqualTo(Integer.toString(client));
            int index = Integer.parseInt(metric.get("series").getAsString());
            Map<Long, Integer> counts = countsBySeries.computeIfAbsent(index, i -> new HashMap<>());
            for (JsonElement point : series.getAsJsonArray("values")) {
                long time = point.getAsJsonArray().get(0).getAsBigDecimal().movePointRight(3).longValueExact();
                double value = Double.parseDouble(point.getAsJsonArray().get(1).getAsString());
                samples++;
                counts.merge(time, 1, Integer::sum);
                Long seq = seqByTime.get(time);
                if (seq == null || value != MetricSender.value(seq, index)) {
                    wrong.add("client %d series %d at %d: value %s, sent %s", client, index, time, value,
                            seq == null ? "nothing at that time" : MetricSender.value(seq, index) + " (seq " + seq + ")");
                }
            }
        }
        acknowledged.forEach((seq, time) -> {
            for (int i = 0; i < seriesPerClient; i++) {
                int count = countsBySeries.getOrDefault(i, Map.of()).getOrDefault(time, 0);
                if (count == 0) {
                    missing.add("client %d series %d seq %d at %d", client, i, seq, time);
                } else if (count > 1) {
                    duplicates.add("client %d series %d seq %d at %d: %d times", client, i, seq, time, count);
                }
            }
        });
        unacknowledged.forEach((seq, time) -> {
            int stored = 0;
            for (int i = 0; i < seriesPerClient; i++) {
                int count = countsBySeries.getOrDefault(i, Map.of()).getOrDefault(time, 0);
                if (count > 0) {
                    stored++;
                }
                if (count > 1) {
                    duplicates.add("client %d series %d unacknowledged seq %d at %d: %d times", client, i, seq, time, count);
                }
            }
            if (stored == seriesPerClient) {
                unacknowledgedStored++;
            } else if (stored > 0) {
                partial.add("client %d unacknowledged seq %d at %d: in %d of %d series", client, seq, time, stored,
                        seriesPerClient);
            }
        });
    }

    /** Samples the queries returned in all. */
    long samples() {
        return samples;
    }

    /** Unacknowledged requests found whole. */
    long unacknowledgedStored() {
        return unacknowledgedStored;
    }

    List<String> missing() {
        return missing.list();
    }

    List<String> duplicates() {
        return duplicates.list();
    }

    List<String> wrong() {
        return wrong.list();
    }

    List<String> partial() {
        return partial.list();
    }

    /** The first few findings of one kind, and a last line counting the rest. */
    private static final class Findings {
        private final List<String> examples = new ArrayList<>();
        private long count;

        void add(String format, Object... args) {
            if (count++ < EXAMPLES) {
                examples.add(String.format(format, args));
            }
        }

        List<String> list() {
            List<String> list = new ArrayList<>(examples);
            if (count > EXAMPLES) {
                list.add("... " + (count - EXAMPLES) + " more (" + count + " in all)");
            }
            return list;
        }
    }
}
