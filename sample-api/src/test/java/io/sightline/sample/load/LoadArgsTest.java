package io.sightline.sample.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadArgsTest {

    @Test
    void defaultsTargetLoopback() {
        LoadConfig c = LoadArgs.parse().config();
        assertThat(c.logsUri()).isEqualTo(URI.create("http://127.0.0.1:4318/v1/logs"));
        assertThat(c.batch()).isEqualTo(500);
        assertThat(c.connections()).isEqualTo(4);
        assertThat(c.services()).isEqualTo(5);
        assertThat(c.duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.jsonOutput()).isEmpty();
    }

    @Test
    void parsesEveryFlagInBothForms() {
        LoadConfig c = LoadArgs.parse("--endpoint", "http://localhost:9999/", "--rate=50k",
                "--duration", "1.5s", "--warmup", "2s", "--batch", "100", "--concurrency=8", "--services", "12",
                "--seed", "42", "--pool", "16", "--max-requests", "1_000", "--timeout", "500ms",
                "--progress", "0", "--json", "out.json", "--allow-remote").config();
        assertThat(c.logsUri()).isEqualTo(URI.create("http://localhost:9999/v1/logs"));
        assertThat(c.recordsPerSecond()).isEqualTo(50_000);
        assertThat(c.duration()).isEqualTo(Duration.ofMillis(1_500));
        assertThat(c.warmup()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.batch()).isEqualTo(100);
        assertThat(c.connections()).isEqualTo(8);
        assertThat(c.services()).isEqualTo(12);
        assertThat(c.seed()).isEqualTo(42);
        assertThat(c.poolSize()).isEqualTo(16);
        assertThat(c.maxRequests()).isEqualTo(1_000);
        assertThat(c.requestTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.progressInterval()).isZero();
        assertThat(c.jsonOutput()).contains(Path.of("out.json"));
        assertThat(c.allowRemote()).isTrue();
    }

    @Test
    void durationsTakeUnits() {
        assertThat(CommandLine.duration("--d", "2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(CommandLine.duration("--d", "1h")).isEqualTo(Duration.ofHours(1));
        assertThat(CommandLine.duration("--d", "90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(CommandLine.duration("--d", "PT10S")).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void badValuesNameTheFlag() {
        assertThatThrownBy(() -> LoadArgs.parse("--rate", "fast"))
                .hasMessageContaining("--rate");
        assertThatThrownBy(() -> LoadArgs.parse("--batch", "0")).hasMessageContaining("--batch");
        assertThatThrownBy(() -> LoadArgs.parse("--duration", "0s")).hasMessageContaining("--duration");
        assertThatThrownBy(() -> LoadArgs.parse("--endpoint", "https://127.0.0.1:4318"))
                .hasMessageContaining("--endpoint");
        assertThatThrownBy(() -> LoadArgs.parse("--frobnicate", "1")).hasMessageContaining("--frobnicate");
        assertThatThrownBy(() -> LoadArgs.parse("--seed")).hasMessageContaining("needs a value");
    }

    @Test
    void backfillIsOffByDefaultAndParsesEveryFlag() {
        assertThat(LoadArgs.parse().config().backfill()).isEqualTo(BackfillConfig.NONE);
        assertThat(BackfillConfig.NONE.enabled()).isFalse();

        BackfillConfig b = LoadArgs.parse("--span", "24h", "--span-end", "2027-01-15T08:00:00Z", "--lean",
                "--timeout-percent", "1.5", "--token", "needle_7", "--token-records=5", "--raw-out", "raw.log",
                "--max-requests", "20k").config().backfill();
        assertThat(b.enabled()).isTrue();
        assertThat(b.span()).isEqualTo(Duration.ofHours(24));
        assertThat(b.end()).contains(java.time.Instant.parse("2027-01-15T08:00:00Z"));
        assertThat(b.lean()).isTrue();
        assertThat(b.timeoutPercent()).isEqualTo(1.5);
        assertThat(b.token()).contains("needle_7");
        assertThat(b.tokenRecords()).isEqualTo(5);
        assertThat(b.rawOutput()).contains(Path.of("raw.log"));
    }

    @Test
    void backfillFlagsNeedASpanAndASpanNeedsARecordCount() {
        assertThatThrownBy(() -> LoadArgs.parse("--raw-out", "x.log")).hasMessageContaining("need --span");
        assertThatThrownBy(() -> LoadArgs.parse("--lean")).hasMessageContaining("need --span");
        assertThatThrownBy(() -> LoadArgs.parse("--span", "1h")).hasMessageContaining("--max-requests");
        assertThatThrownBy(() -> LoadArgs.parse("--span", "1h", "--max-requests", "2", "--token", "two words"))
                .hasMessageContaining("--token");
        assertThatThrownBy(() -> LoadArgs.parse("--span", "1h", "--max-requests", "2", "--timeout-percent", "101"))
                .hasMessageContaining("--timeout-percent");
        assertThatThrownBy(() -> LoadArgs.parse("--span", "1h", "--max-requests", "2", "--token-records", "0"))
                .hasMessageContaining("--token-records");
        assertThatThrownBy(() -> LoadArgs.parse("--span", "400d")).hasMessageContaining("--span");
    }

    @Test
    void helpIsPrintedAndBadFlagsExitWithUsageStatus() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = OtlpLogLoad.execute(new String[] {"--help"}, print(out), print(err));
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--endpoint", "--rate", "--duration",
                "--batch", "--connections", "--services", "--seed", "--json", "http://127.0.0.1:4318");

        status = OtlpLogLoad.execute(new String[] {"--rate", "-3"}, print(out), print(err));
        assertThat(status).isEqualTo(OtlpLogLoad.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--rate");
    }

    @Test
    void refusesANonLoopbackEndpointUnlessAllowed() {
        LoadConfig remote = LoadConfig.builder().endpoint(URI.create("http://192.0.2.1:4318"))
                .duration(Duration.ofMillis(100)).build();
        assertThatThrownBy(() -> OtlpLogLoad.run(remote, print(new ByteArrayOutputStream())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--allow-remote");
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
