package io.sightline.sample.load;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What {@link ExportSink} has received: items accepted per signal, and requests per protocol,
 * signal and answer status, rendered as Prometheus text format 0.0.4. The accepted counter is named
 * as Sightline names its own ({@code sightline_ingest_items_accepted_total{signal="metrics"}}), so a
 * script that reads a receiving Sightline's count reads the sink's unchanged; like Sightline's, it
 * adds up every protocol of a signal (OTLP metric data points and remote_write samples are both
 * {@code metrics}). Thread-safe: counters are {@link LongAdder}s, updated by every request thread
 * and read by scrapes.
 */
final class ExportSinkCounters {
    /** The {@code signal} label values, in the order they are rendered. */
    static final List<String> SIGNALS = List.of("traces", "logs", "metrics");

    /** The wire protocol a request came in, its {@code protocol} label. */
    enum Protocol {
        OTLP("otlp"),
        REMOTE_WRITE("remote_write");

        private final String label;

        Protocol(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /** A request's protocol and signal, and the status it was answered with. */
    private record Outcome(Protocol protocol, String signal, int status) {}

    private static final Comparator<Outcome> RENDER_ORDER = Comparator.comparing(Outcome::protocol)
            .thenComparingInt(o -> SIGNALS.indexOf(o.signal()))
            .thenComparingInt(Outcome::status);

    /** One adder per signal, made up front; the map is not changed after the constructor. */
    private final Map<String, LongAdder> accepted = new LinkedHashMap<>();
    private final Map<Outcome, LongAdder> requests = new ConcurrentHashMap<>();

    ExportSinkCounters() {
        for (String signal : SIGNALS) {
            accepted.put(signal, new LongAdder());
        }
    }

    /**
     * Counts an answered request; {@code items} are added to the signal's accepted count on a 2xx
     * answer only.
     *
     * @param signal one of {@link #SIGNALS}
     */
    void record(Protocol protocol, String signal, int status, long items) {
        LongAdder signalAccepted = accepted.get(signal);
        if (signalAccepted == null) {
            throw new IllegalArgumentException("not a signal: " + signal + "; one of " + SIGNALS);
        }
        if (status / 100 == 2) {
            signalAccepted.add(items);
        }
        requests.computeIfAbsent(new Outcome(protocol, signal, status), o -> new LongAdder()).increment();
    }

    long accepted(String signal) {
        LongAdder count = accepted.get(signal);
        return count == null ? 0 : count.sum();
    }

    long requests(Protocol protocol, String signal, int status) {
        LongAdder count = requests.get(new Outcome(protocol, signal, status));
        return count == null ? 0 : count.sum();
    }

    /** The counters in text format 0.0.4; every signal's accepted line is there, zero included. */
    String render() {
        StringBuilder text = new StringBuilder(1024);
        text.append("# HELP sightline_ingest_items_accepted_total Items decoded from 2xx-answered requests: spans,"
                + " log records, metric data points (OTLP) and samples (remote_write).\n");
        text.append("# TYPE sightline_ingest_items_accepted_total counter\n");
        accepted.forEach((signal, count) -> text.append("sightline_ingest_items_accepted_total{signal=\"")
                .append(signal).append("\"} ").append(count.sum()).append('\n'));
        text.append("# HELP export_sink_requests_total Requests by wire protocol, signal and answer status.\n");
        text.append("# TYPE export_sink_requests_total counter\n");
        requests.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(RENDER_ORDER))
                .forEach(e -> text.append("export_sink_requests_total{protocol=\"")
                        .append(e.getKey().protocol().label()).append("\",signal=\"").append(e.getKey().signal())
                        .append("\",code=\"").append(e.getKey().status()).append("\"} ")
                        .append(e.getValue().sum()).append('\n'));
        return text.toString();
    }
}
