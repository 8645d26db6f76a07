package io.sightline.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Closeable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import com.google.protobuf.Message;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.sightline.ingest.IngestLimits;
import io.sightline.ingest.IngestMetrics;
import io.sightline.ingest.Overload;
import io.sightline.ingest.Signal;
import io.sightline.storage.wal.SyncPolicy;
import io.sightline.storage.wal.WalConfig;
import io.sightline.storage.wal.WalReader;
import io.sightline.storage.wal.WriteAheadLog;

/** Three real WALs, the shared ingest path over them, and a switchable backpressure. */
public final class IngestFixture implements Closeable {
    /** Small enough that oversized-body tests stay quick, large enough for 10,000 attributes. */
    public static final IngestLimits LIMITS = new IngestLimits(1024 * 1024, 128, 1024);

    public final Map<Signal, WriteAheadLog> wals = new EnumMap<>(Signal.class);
    public final PrometheusRegistry registry = new PrometheusRegistry();
    public final AtomicReference<Optional<Overload>> overload = new AtomicReference<>(Optional.empty());
    public final OtlpIngest ingest;

    public IngestFixture(Path directory) {
        for (Signal signal : Signal.values()) {
            WalConfig config = new WalConfig(directory.resolve(signal.walName()), SyncPolicy.PERIODIC,
                    Duration.ofMillis(20), Duration.ofDays(1), 0);
            wals.put(signal, WriteAheadLog.open(signal.walName(), config, java.time.InstantSource.system()));
        }
        ingest = new OtlpIngest(wals, LIMITS, signal -> overload.get(), new IngestMetrics(registry));
    }

    public long lastIndex(Signal signal) {
        return wals.get(signal).lastIndex();
    }

    /** The decoded entries after {@code afterIndex}, waiting up to 10 s until there are at least {@code min}. */
    public List<Message> entriesAfter(Signal signal, long afterIndex, int min) {
        Instant deadline = Instant.now().plusSeconds(10);
        List<Message> entries = new ArrayList<>();
        while (true) {
            entries.clear();
            try (WalReader reader = wals.get(signal).reader(afterIndex)) {
                while (reader.next((index, entry) -> entries.add(WalEntries.decode(signal, entry)))) {
                    // read them all
                }
            }
            if (entries.size() >= min || Instant.now().isAfter(deadline)) {
                assertThat(entries).as("%s WAL entries after %d", signal, afterIndex).hasSizeGreaterThanOrEqualTo(min);
                return List.copyOf(entries);
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

    /** The samples ("labels t=v") of the metrics WAL's sample-batch entries after {@code afterIndex}, waiting for {@code min} entries. */
    public List<String> metricSamplesAfter(long afterIndex, int min) {
        Instant deadline = Instant.now().plusSeconds(10);
        List<String> samples = new ArrayList<>();
        while (true) {
            samples.clear();
            int[] entries = {0};
            try (WalReader reader = wals.get(Signal.METRICS).reader(afterIndex)) {
                while (reader.next((index, entry) -> {
                    samples.addAll(io.sightline.ingest.prometheus.RecordedEntry.of(entry).samples());
                    entries[0]++;
                })) {
                    // read them all
                }
            }
            if (entries[0] >= min || Instant.now().isAfter(deadline)) {
                assertThat(entries[0]).as("metrics WAL entries after %d", afterIndex).isGreaterThanOrEqualTo(min);
                return List.copyOf(samples);
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

    /** The one entry after {@code afterIndex}. */
    public Message onlyEntryAfter(Signal signal, long afterIndex) {
        List<Message> entries = entriesAfter(signal, afterIndex, 1);
        assertThat(entries).hasSize(1);
        return entries.getFirst();
    }

    /** Sum of a counter's values over the series whose labels include {@code labels} (name=value pairs). */
    public double counter(String name, String... labels) {
        double sum = 0;
        for (MetricSnapshot snapshot : registry.scrape()) {
            if (!(snapshot instanceof CounterSnapshot counter) || !counter.getMetadata().getName().equals(name)) {
                continue;
            }
            for (CounterSnapshot.CounterDataPointSnapshot point : counter.getDataPoints()) {
                boolean matches = true;
                for (int i = 0; i < labels.length; i += 2) {
                    matches &= labels[i + 1].equals(point.getLabels().get(labels[i]));
                }
                if (matches) {
                    sum += point.getValue();
                }
            }
        }
        return sum;
    }

    @Override
    public void close() {
        wals.values().forEach(WriteAheadLog::close);
    }
}
