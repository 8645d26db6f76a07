package io.sightline.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.sightline.ingest.Signal;
import io.sightline.ui.ApplianceStatus.SignalHealth;

class IngestHealthTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Map<Signal, Long> accepted = new EnumMap<>(Map.of(Signal.METRICS, 0L, Signal.LOGS, 0L, Signal.TRACES, 0L));
    private final IngestHealth health = new IngestHealth(Map.of(), accepted::get, signal -> signal.ordinal() * 100L, nanos::get);

    @Test
    void itemsPerSecondIsTheIncreaseOverTheLastMinute() {
        // 10 spans/s for two minutes, then 50 spans/s for a minute: the window holds only the last.
        for (int second = 5; second <= 180; second += 5) {
            nanos.addAndGet(5_000_000_000L);
            accepted.merge(Signal.TRACES, second <= 120 ? 50L : 250L, Long::sum);
            health.sample();
        }
        SignalHealth traces = health.health().get(2);
        assertThat(traces.signal()).isEqualTo("traces");
        assertThat(traces.itemsPerSecond()).isBetween(45.0, 50.0);
        assertThat(health.health().get(0).itemsPerSecond()).isZero();
    }

    @Test
    void signalsComeInOrderWithTheirStoreBytes() {
        assertThat(health.health()).extracting(SignalHealth::signal).containsExactly("metrics", "logs", "traces");
        assertThat(health.health()).extracting(SignalHealth::diskBytes)
                .containsExactly(Signal.METRICS.ordinal() * 100L, Signal.LOGS.ordinal() * 100L, Signal.TRACES.ordinal() * 100L);
        assertThat(health.health()).allSatisfy(h -> assertThat(h.itemsPerSecond()).isZero());
    }
}
