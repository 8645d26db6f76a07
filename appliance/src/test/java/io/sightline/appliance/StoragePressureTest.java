package io.sightline.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.sightline.ingest.Overload;
import io.sightline.ingest.Signal;
import io.sightline.storage.wal.WalConfig;
import io.sightline.storage.wal.WriteAheadLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backpressure verdicts from real WALs: a lagging consumer means 429, a full disk 503. */
class StoragePressureTest {
    @TempDir
    Path dir;

    private final Map<Signal, WriteAheadLog> wals = new EnumMap<>(Signal.class);
    private final AtomicLong freeBytes = new AtomicLong(Long.MAX_VALUE);

    @BeforeEach
    void openWals() {
        for (Signal signal : Signal.values()) {
            wals.put(signal, WriteAheadLog.open(signal.walName(), WalConfig.defaults(dir.resolve(signal.walName())),
                    InstantSource.system()));
        }
    }

    @AfterEach
    void closeWals() {
        wals.values().forEach(WriteAheadLog::close);
    }

    @Test
    void aConsumerLaggingMoreThanTheBoundRefusesOnlyItsSignal() {
        StoragePressure pressure = new StoragePressure(wals, 2, 1_000, freeBytes::get);
        AtomicLong durable = new AtomicLong(-1);
        wals.get(Signal.LOGS).registerConsumer("logs-store", durable::get);
        long first = 0;
        for (int i = 0; i < 3; i++) {
            long index = wals.get(Signal.LOGS).append(new byte[] {1}).join();
            if (i == 0) {
                first = index;
            }
        }
        pressure.update();
        assertThat(pressure.check(Signal.LOGS)).hasValueSatisfying(overload -> {
            assertThat(overload.kind()).isEqualTo(Overload.Kind.LAGGING);
            assertThat(overload.message()).contains("logs WAL consumer 'logs-store' is 3 entries behind")
                    .contains("ingest.max-wal-lag (2)");
        });
        assertThat(pressure.check(Signal.TRACES)).isEmpty();

        durable.set(first);
        pressure.update();
        assertThat(pressure.check(Signal.LOGS)).isEmpty();
    }

    @Test
    void aNearlyFullDiskRefusesEverySignal() {
        StoragePressure pressure = new StoragePressure(wals, 100, 1_000, freeBytes::get);
        freeBytes.set(999);
        pressure.update();
        for (Signal signal : Signal.values()) {
            assertThat(pressure.check(signal)).hasValueSatisfying(overload -> {
                assertThat(overload.kind()).isEqualTo(Overload.Kind.DISK_FULL);
                assertThat(overload.message()).contains("only 999 bytes free").contains("ingest.min-free-disk (1000)");
            });
        }
        freeBytes.set(1_000);
        pressure.update();
        assertThat(pressure.check(Signal.METRICS)).isEmpty();
    }
}
