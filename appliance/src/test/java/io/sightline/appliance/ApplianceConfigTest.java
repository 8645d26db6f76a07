package io.sightline.appliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.sightline.query.alerting.notify.NotificationLogConfig;
import io.sightline.storage.wal.SyncPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplianceConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsMatchTheDocumentedPorts() {
        ApplianceConfig config = ApplianceConfig.resolve(List.of(), Map.of());
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.otlpGrpcPort()).isEqualTo(4317);
        assertThat(config.otlpHttpPort()).isEqualTo(4318);
        assertThat(config.dataDir()).isEqualTo(Path.of("./sightline-data"));
        assertThat(config.bytes(Settings.MAX_REQUEST_BYTES)).isEqualTo(16L << 20);
        assertThat(config.syncPolicy()).isEqualTo(SyncPolicy.PERIODIC);
    }

    @Test
    void theNotificationLogIsPersistedUnderTheDataDirectoryWithItsIntervalAndRetention() {
        NotificationLogConfig defaults = RuleSetup.notificationConfig(ApplianceConfig.resolve(
                List.of("--data-dir", dir.toString()), Map.of())).notificationLog();
        assertThat(defaults).isEqualTo(new NotificationLogConfig(Duration.ofHours(120), Duration.ofMinutes(15),
                Optional.of(dir.resolve("alerting"))));
        NotificationLogConfig set = RuleSetup.notificationConfig(ApplianceConfig.resolve(
                List.of("--data-dir", dir.toString(), "--alerting.notification-log.snapshot-interval=1m"),
                Map.of("SIGHTLINE_ALERTING_NOTIFICATION_LOG_RETENTION", "24h"))).notificationLog();
        assertThat(set.snapshotInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(set.retention()).isEqualTo(Duration.ofHours(24));
        assertThatThrownBy(() -> RuleSetup.notificationConfig(ApplianceConfig.resolve(
                List.of("--alerting.notification-log.snapshot-interval=0s"), Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--alerting.notification-log.snapshot-interval: snapshotInterval must be positive: PT0S");
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFileWhichBeatsDefaults() throws Exception {
        Path file = dir.resolve("sightline.yaml");
        Files.writeString(file, """
                http-port: 9001
                otlp-grpc-port: 9002
                logs:
                  retention-age: 3d
                wal.sync: batch
                """);
        ApplianceConfig config = ApplianceConfig.resolve(
                List.of("--config", file.toString(), "--http-port=9100"),
                Map.of("SIGHTLINE_HTTP_PORT", "9200", "SIGHTLINE_OTLP_GRPC_PORT", "9300"));
        assertThat(config.httpPort()).isEqualTo(9100);
        assertThat(config.otlpGrpcPort()).isEqualTo(9300);
        assertThat(config.duration(Settings.LOGS_RETENTION_AGE)).isEqualTo(Duration.ofDays(3));
        assertThat(config.syncPolicy()).isEqualTo(SyncPolicy.BATCH);
        assertThat(config.otlpHttpPort()).isEqualTo(4318);
    }

    @Test
    void configFileComesFromTheEnvironmentToo() throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "query.timeout: 1m30s\n");
        ApplianceConfig config = ApplianceConfig.resolve(List.of(), Map.of("SIGHTLINE_CONFIG", file.toString()));
        assertThat(config.duration(Settings.QUERY_TIMEOUT)).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void badValuesNameTheOptionAndWhereTheyCameFrom() {
        assertThatThrownBy(() -> ApplianceConfig.resolve(List.of("--http-port", "nope"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'nope' for http-port (flag --http-port)")
                .hasMessageContaining("port number 0-65535");
        assertThatThrownBy(() -> ApplianceConfig.resolve(List.of(), Map.of("SIGHTLINE_INGEST_MAX_REQUEST_BYTES", "lots")))
                .hasMessageContaining("ingest.max-request-bytes (environment variable SIGHTLINE_INGEST_MAX_REQUEST_BYTES)")
                .hasMessageContaining("16MiB");
        assertThatThrownBy(() -> ApplianceConfig.resolve(List.of("--wal.sync", "sometimes"), Map.of()))
                .hasMessageContaining("none, periodic or batch");
        assertThatThrownBy(() -> ApplianceConfig.resolve(List.of("--logs.refresh-interval", "soon"), Map.of()))
                .hasMessageContaining("duration such as 500ms");
        assertThatThrownBy(() -> ApplianceConfig.resolve(List.of("--nope", "1"), Map.of()))
                .hasMessageContaining("unknown option --nope");
        assertThatThrownBy(() -> ApplianceConfig.resolve(List.of("--http-port"), Map.of()))
                .hasMessageContaining("--http-port needs a value");
    }

    @Test
    void unknownAndMalformedConfigFilesAreRejectedByName() throws Exception {
        Path unknown = dir.resolve("unknown.yaml");
        Files.writeString(unknown, "logs:\n  retention-agee: 3d\n");
        assertThatThrownBy(() -> ApplianceConfig.resolve(List.of("--config", unknown.toString()), Map.of()))
                .hasMessageContaining("unknown key 'logs.retention-agee'").hasMessageContaining(unknown.toString());
        Path malformed = dir.resolve("bad.yaml");
        Files.writeString(malformed, "http-port: [1\n");
        assertThatThrownBy(() -> ApplianceConfig.resolve(List.of("--config", malformed.toString()), Map.of()))
                .hasMessageContaining("is not valid YAML");
        assertThatThrownBy(() -> ApplianceConfig.resolve(List.of("--config", dir.resolve("missing.yaml").toString()), Map.of()))
                .hasMessageContaining("cannot read config file");
    }

    @Test
    void sizesAndDurationsTakeTheirUnits() {
        assertThat(SettingType.BYTES.parse("512")).isEqualTo(512L);
        assertThat(SettingType.BYTES.parse("64KiB")).isEqualTo(65_536L);
        assertThat(SettingType.BYTES.parse("2GB")).isEqualTo(2_000_000_000L);
        assertThat(SettingType.DURATION.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(SettingType.DURATION.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(SettingType.DURATION.parse("7d")).isEqualTo(Duration.ofDays(7));
        assertThatThrownBy(() -> SettingType.DURATION.parse("5 minutes")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SettingType.BYTES.parse("12XB")).hasMessageContaining("unknown unit");
    }

    @Test
    void helpListsEveryOptionWithItsEnvironmentVariableAndDefault() {
        String help = Help.text();
        for (Setting setting : Settings.ALL) {
            assertThat(help).contains(setting.flag()).contains(setting.environmentVariable());
        }
        assertThat(help).contains("SIGHTLINE_DATA_DIR, default ./sightline-data").contains("SIGHTLINE_HTTP_PORT, default 8080");
    }

    @Test
    void mainExitsTwoOnABadOptionAndZeroOnHelp() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(Main.run(List.of("serve", "--otlp-http-port", "70000"), Map.of(), outStream, errStream)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("otlp-http-port");
        assertThat(Main.run(List.of("--help"), Map.of(), outStream, errStream)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--otlp-grpc-port");
        assertThat(Main.run(List.of("frobnicate"), Map.of(), outStream, errStream)).isEqualTo(2);
    }
}
