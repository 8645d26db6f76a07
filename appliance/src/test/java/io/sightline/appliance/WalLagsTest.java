package io.sightline.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.sightline.ingest.Signal;
import io.sightline.storage.wal.WalConfig;
import io.sightline.storage.wal.WriteAheadLog;
import io.sightline.ui.ApplianceStatus.WalConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalLagsTest {
    @TempDir
    Path dir;

    @Test
    void lagInSecondsIsTheLagOverTheAppendRateBetweenReadings() {
        AtomicLong nanos = new AtomicLong(0);
        AtomicLong applied = new AtomicLong(-1);
        try (WriteAheadLog wal = WriteAheadLog.open("logs", WalConfig.defaults(dir), InstantSource.system())) {
            wal.registerConsumer("store", applied::get);
            Map<Signal, WriteAheadLog> wals = new EnumMap<>(Signal.class);
            wals.put(Signal.LOGS, wal);
            WalLags lags = new WalLags(wals, nanos::get);

            assertThat(lags.consumers()).containsExactly(new WalConsumer("logs", "store", 0, 0));
            long last = -1;
            for (int i = 0; i < 20; i++) {
                last = wal.append(new byte[] {(byte) i}).join();
            }
            nanos.set(500_000_000L);
            assertThat(lags.consumers()).as("no rate yet: half a second is no sample")
                    .containsExactly(new WalConsumer("logs", "store", 20, -1));
            nanos.set(2_000_000_000L); // 20 entries in 2 s: 10/s, so a lag of 20 is 2 s
            assertThat(lags.consumers()).containsExactly(new WalConsumer("logs", "store", 20, 2.0));
            applied.set(last);
            assertThat(lags.consumers()).containsExactly(new WalConsumer("logs", "store", 0, 0));
        }
    }

    @Test
    void aLagWithoutAppendsIsUnknownInSeconds() {
        assertThat(WalLags.seconds(5, 0)).isEqualTo(-1);
        assertThat(WalLags.seconds(0, 0)).isZero();
        assertThat(WalLags.seconds(30, 10)).isEqualTo(3);
    }
}
