package io.sightline.sample.load;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What {@link ExportSink} has received: items accepted per signal and requests per signal and answer
 * status, rendered as Prometheus text format 0.0.4. The accepted counter is named as Sightline
 * names its own ({@code sightline_ingest_items_accepted_total{signal="traces"}}), so a script that
 * reads a receiving Sightline's count reads the sink's unchanged. Thread-safe: counters are
 * {@link LongAdder}s, updated by every request thread and read by scrapes.
 */
final class ExportSinkCounters {
    /** A request's signal and the status it was answered with. */
    private record Outcome(OtlpSinkSignal signal, int status) {}

    private final Map<OtlpSinkSignal, LongAdder> accepted = new EnumMap<>(OtlpSinkSignal.class);
    private final Map<Outcome, LongAdder> requests = new ConcurrentHashMap<>();

    ExportSinkCounters() {
        for (OtlpSinkSignal signal : OtlpSinkSignal.values()) {
            accepted.put(signal, new LongAdder());
        }
    }

    /** Counts an answered request; {@code items} are added to the accepted count on a 200 only. */
    void record(OtlpSinkSignal signal, int status, long items) {
        if (status == 200) {
            accepted.get(signal).add(items);
        }
        requests.computeIfAbsent(new Outcome(signal, status), o -> new LongAdder()).increment();
    }

    long accepted(OtlpSinkSignal signal) {
        return accepted.get(signal).sum();
    }

    long requests(OtlpSinkSignal signal, int status) {
        LongAdder count = requests.get(new Outcome(signal, status));
        return count == null ? 0 : count.sum();
    }

    /** The counters in text format 0.0.4; every signal's accepted line is there, zero included. */
    String render() {
        StringBuilder text = new StringBuilder(1024);
        text.append("# HELP sightline_ingest_items_accepted_total Items decoded from 200-answered requests: spans,"
                + " log records, metric data points.\n");
        text.append("# TYPE sightline_ingest_items_accepted_total counter\n");
        for (OtlpSinkSignal signal : OtlpSinkSignal.values()) {
            text.append("sightline_ingest_items_accepted_total{signal=\"").append(signal.label()).append("\"} ")
                    .append(accepted(signal)).append('\n');
        }
        text.append("# HELP otlp_sink_requests_total OTLP/HTTP export requests by signal and answer status.\n");
        text.append("# TYPE otlp_sink_requests_total counter\n");
        requests.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<Outcome, LongAdder> e) -> e.getKey().signal())
                        .thenComparingInt(e -> e.getKey().status()))
                .forEach(e -> text.append("otlp_sink_requests_total{signal=\"").append(e.getKey().signal().label())
                        .append("\",code=\"").append(e.getKey().status()).append("\"} ")
                        .append(e.getValue().sum()).append('\n'));
        return text.toString();
    }
}
