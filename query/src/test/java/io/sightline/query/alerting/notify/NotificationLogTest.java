package io.sightline.query.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sightline.storage.tsdb.Labels;

/** The notification log's entries, expiry and its {@code nflog.json} snapshot. */
class NotificationLogTest {
    private static final long T0 = Instant.parse("2024-05-06T07:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000;
    private static final String KEY_A = "{}:{alertname=\"A\"}";

    @TempDir
    Path dir;

    private NotificationLogConfig persisted() {
        return NotificationLogConfig.persistedIn(dir);
    }

    @Test
    void aSnapshotReadsBackAsTheSameEntries() throws Exception {
        NotificationLog log = new NotificationLog(persisted(), T0);
        Labels odd = Labels.of("alertname", "A", "summary", "quote \" backslash \\ newline \n déjà 🚨", "instance", "a:1");
        Labels plain = Labels.of("alertname", "A", "instance", "b:1");
        log.log("ops", KEY_A, Set.of(odd, plain), Set.of(Labels.of("alertname", "A", "instance", "c:1")), T0, 8 * HOUR);
        log.log("ops", "{}:{}", Set.of(), Set.of(plain), T0 + 1, 2 * HOUR);
        log.log("team \"b\"", KEY_A, Set.of(plain), Set.of(), T0 + 2, 2 * HOUR);
        log.snapshot();

        NotificationLog read = new NotificationLog(persisted(), T0 + 3);
        assertThat(read.size()).isEqualTo(3);
        for (String[] key : new String[][] {{"ops", KEY_A}, {"ops", "{}:{}"}, {"team \"b\"", KEY_A}}) {
            assertThat(read.get(key[0], key[1], T0 + 3)).isEqualTo(log.get(key[0], key[1], T0 + 3)).isNotNull();
        }
        Path file = dir.resolve(NotificationLogFile.NAME);
        String text = Files.readString(file);
        List<String> lines = text.lines().toList();
        assertThat(lines).hasSize(5); // header, entries by receiver then group key, footer
        assertThat(lines.get(0)).isEqualTo("sightline-nflog 1");
        assertThat(lines.get(1)).startsWith("{\"receiver\":\"ops\",\"groupKey\":\"{}:{alertname=\\\"A\\\"}\"");
        assertThat(lines.get(2)).isEqualTo("{\"receiver\":\"ops\",\"groupKey\":\"{}:{}\",\"timestamp\":" + (T0 + 1)
                + ",\"expiresAt\":" + (T0 + 1 + 2 * HOUR) + ",\"firing\":[],\"resolved\":[{\"alertname\":\"A\",\"instance\":\"b:1\"}]}");
        assertThat(lines.get(3)).startsWith("{\"receiver\":\"team \\\"b\\\"\"");
        assertThat(lines.get(4)).matches("crc32c [0-9a-f]{8}");

        read.snapshot(); // the same entries always give the same bytes
        assertThat(Files.readString(file)).isEqualTo(text);
        assertThat(dir.resolve(NotificationLogFile.NAME + ".tmp")).doesNotExist();
    }

    @Test
    void anEntryLivesTwiceTheRepeatIntervalCappedByTheRetentionAndIsDroppedOnceExpired() {
        NotificationLog log = new NotificationLog(persisted().withRetention(Duration.ofHours(5)), T0);
        Set<Labels> firing = Set.of(Labels.of("alertname", "A"));
        log.log("ops", KEY_A, firing, Set.of(), T0, 2 * HOUR);   // 2 × a 1 h repeat interval
        log.log("ops", "{}:{}", firing, Set.of(), T0, 8 * HOUR); // 2 × 4 h, capped by the 5 h retention
        assertThat(log.get("ops", KEY_A, T0 + 2 * HOUR - 1)).isNotNull();
        assertThat(log.get("ops", KEY_A, T0 + 2 * HOUR)).isNull();
        assertThat(log.get("ops", "{}:{}", T0 + 5 * HOUR - 1).expiresAtMs()).isEqualTo(T0 + 5 * HOUR);
        assertThat(log.get("ops", "{}:{}", T0 + 5 * HOUR)).isNull();
        log.snapshot();

        NotificationLog atLoad = new NotificationLog(persisted(), T0 + 2 * HOUR);
        assertThat(atLoad.size()).as("the expired entry is left out when the snapshot is read").isEqualTo(1);
        assertThat(atLoad.get("ops", "{}:{}", T0 + 2 * HOUR)).isNotNull();

        assertThat(log.maintenance(T0 + 2 * HOUR)).isEqualTo(1);
        assertThat(log.size()).isEqualTo(1);
        assertThat(new NotificationLog(persisted(), T0).size()).as("maintenance wrote the log without it").isEqualTo(1);
        assertThat(log.maintenance(T0 + 5 * HOUR)).isEqualTo(1);
        assertThat(new NotificationLog(persisted(), T0).size()).isZero();
    }

    @Test
    void noFileIsAnEmptyLogAndTheDirectoryIsMadeAtTheFirstSnapshot() {
        NotificationLogConfig config = NotificationLogConfig.persistedIn(dir.resolve("alerting"));
        NotificationLog log = new NotificationLog(config, T0);
        assertThat(log.size()).isZero();
        log.log("ops", KEY_A, Set.of(Labels.of("alertname", "A")), Set.of(), T0, 2 * HOUR);
        log.snapshot();
        assertThat(dir.resolve("alerting").resolve(NotificationLogFile.NAME)).isRegularFile();
        assertThat(new NotificationLog(config, T0).size()).isEqualTo(1);
    }

    @Test
    void aCorruptFileIsRefusedNamingItAndWhatIsWrong() throws Exception {
        NotificationLog log = new NotificationLog(persisted(), T0);
        log.log("ops", KEY_A, Set.of(Labels.of("alertname", "A")), Set.of(), T0, 2 * HOUR);
        log.snapshot();
        Path file = dir.resolve(NotificationLogFile.NAME);
        String good = Files.readString(file);

        Files.writeString(file, good.replace("\"ops\"", "\"opz\""));
        assertThatThrownBy(() -> new NotificationLog(persisted(), T0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("corrupt notification log file " + file)
                .hasMessageContaining("(format sightline-nflog version 1)").hasMessageContaining("checksum expected");

        Files.writeString(file, good.substring(0, good.indexOf("crc32c")));
        assertThatThrownBy(() -> new NotificationLog(persisted(), T0)).hasMessageContaining(file.toString())
                .hasMessageContaining("no checksum footer");

        Files.writeString(file, framed("sightline-nflog 2", good.lines().toList().get(1)));
        assertThatThrownBy(() -> new NotificationLog(persisted(), T0)).hasMessageContaining(file.toString())
                .hasMessageContaining("header expected 'sightline-nflog 1', actual 'sightline-nflog 2'");

        Files.writeString(file, framed("sightline-silences 1"));
        assertThatThrownBy(() -> new NotificationLog(persisted(), T0))
                .hasMessageContaining("header expected 'sightline-nflog 1', actual 'sightline-silences 1'");

        Files.writeString(file, framed("sightline-nflog 1", "{\"receiver\":\"ops\",\"groupKey\":\"k\"}"));
        assertThatThrownBy(() -> new NotificationLog(persisted(), T0)).hasMessageContaining(file.toString())
                .hasMessageContaining("line 2");

        Files.writeString(file, good);
        assertThat(new NotificationLog(persisted(), T0).size()).isEqualTo(1);
    }

    @Test
    void theConfigurationRefusesNonPositiveDurations() {
        assertThatThrownBy(() -> NotificationLogConfig.IN_MEMORY.withRetention(Duration.ZERO))
                .hasMessage("retention must be positive: PT0S");
        assertThatThrownBy(() -> NotificationLogConfig.IN_MEMORY.withSnapshotInterval(Duration.ofSeconds(-1)))
                .hasMessage("snapshotInterval must be positive: PT-1S");
    }

    /** A file with a correct checksum around {@code lines}. */
    private static String framed(String header, String... lines) {
        StringBuilder text = new StringBuilder(header).append('\n');
        for (String line : List.of(lines)) {
            text.append(line).append('\n');
        }
        CRC32C crc = new CRC32C();
        crc.update(text.toString().getBytes(StandardCharsets.UTF_8));
        return text.append("crc32c ").append(HexFormat.of().toHexDigits((int) crc.getValue())).append('\n').toString();
    }
}
