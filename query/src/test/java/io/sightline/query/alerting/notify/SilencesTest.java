package io.sightline.query.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sightline.storage.tsdb.LabelMatcher;
import io.sightline.storage.tsdb.Labels;

/** Silence lifecycle, Alertmanager's update rules, retention and persistence on a manual clock. */
class SilencesTest {
    private static final long T0 = Instant.parse("2024-05-06T07:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000;

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(T0);

    private static Silence silence(String id, long start, long end, String... matchers) {
        return new Silence(id, List.of(matchers).stream().map(AlertmanagerMatchers::parse).toList(), start, end, 0,
                "alice", "maintenance");
    }

    @Test
    void statesFollowTheClockAndActiveSilencesMute() {
        Silences silences = new Silences(SilencesConfig.IN_MEMORY, clock);
        String id = silences.set(silence("", T0 + HOUR, T0 + 2 * HOUR, "alertname=A"));
        Labels a = Labels.of("alertname", "A", "job", "x");
        assertThat(silences.get(id).orElseThrow().state(clock.millis())).isEqualTo(Silence.State.PENDING);
        assertThat(silences.silencedBy(a, clock.millis())).isEmpty();
        clock.advance(Duration.ofMinutes(90));
        assertThat(silences.silencedBy(a, clock.millis())).containsExactly(id);
        assertThat(silences.silencedBy(Labels.of("alertname", "B"), clock.millis())).isEmpty();
        clock.advance(Duration.ofMinutes(30));
        assertThat(silences.get(id).orElseThrow().state(clock.millis())).isEqualTo(Silence.State.EXPIRED);
    }

    @Test
    void aNewSilenceStartsNoEarlierThanNow() {
        Silences silences = new Silences(SilencesConfig.IN_MEMORY, clock);
        String id = silences.set(silence("", T0 - HOUR, T0 + HOUR, "a=b"));
        assertThat(silences.get(id).orElseThrow().startsAtMs()).isEqualTo(T0);
        assertThat(silences.get(id).orElseThrow().updatedAtMs()).isEqualTo(T0);
    }

    @Test
    void updatingTheEndOfAnActiveSilenceKeepsItsIdChangingMatchersReplacesIt() {
        Silences silences = new Silences(SilencesConfig.IN_MEMORY, clock);
        String id = silences.set(silence("", T0, T0 + HOUR, "a=b"));
        clock.advance(Duration.ofMinutes(10));
        assertThat(silences.set(silence(id, T0, T0 + 3 * HOUR, "a=b"))).isEqualTo(id);
        assertThat(silences.get(id).orElseThrow().endsAtMs()).isEqualTo(T0 + 3 * HOUR);

        String replaced = silences.set(silence(id, T0, T0 + 3 * HOUR, "a=c"));
        assertThat(replaced).isNotEqualTo(id);
        long now = clock.millis();
        assertThat(silences.get(id).orElseThrow().state(now)).isEqualTo(Silence.State.EXPIRED);
        assertThat(silences.get(id).orElseThrow().endsAtMs()).isEqualTo(now);
        assertThat(silences.get(replaced).orElseThrow().state(now)).isEqualTo(Silence.State.ACTIVE);
        // a changed start of an active silence cannot be done in place either
        String moved = silences.set(silence(replaced, now + HOUR, now + 2 * HOUR, "a=c"));
        assertThat(moved).isNotEqualTo(replaced);
        assertThat(silences.get(moved).orElseThrow().state(now)).isEqualTo(Silence.State.PENDING);
    }

    @Test
    void expiringPendingAndActiveSilences() {
        Silences silences = new Silences(SilencesConfig.IN_MEMORY, clock);
        String pending = silences.set(silence("", T0 + HOUR, T0 + 2 * HOUR, "a=b"));
        String active = silences.set(silence("", T0, T0 + HOUR, "a=c"));
        clock.advance(Duration.ofMinutes(5));
        silences.expire(pending);
        silences.expire(active);
        Silence p = silences.get(pending).orElseThrow();
        assertThat(p.startsAtMs()).isEqualTo(clock.millis());
        assertThat(p.endsAtMs()).isEqualTo(clock.millis());
        assertThat(silences.get(active).orElseThrow().startsAtMs()).isEqualTo(T0);
        assertThat(silences.get(active).orElseThrow().state(clock.millis())).isEqualTo(Silence.State.EXPIRED);
        silences.expire(active); // already expired: nothing happens, as Alertmanager 0.25 answers 200
        assertThatThrownBy(() -> silences.expire("00000000-0000-0000-0000-000000000000"))
                .isInstanceOfSatisfying(SilenceException.class, e -> assertThat(e.kind()).isEqualTo(SilenceException.Kind.NOT_FOUND));
    }

    @Test
    void refusesInvalidSilencesWithAlertmanagersMessages() {
        Silences silences = new Silences(SilencesConfig.IN_MEMORY, clock);
        assertThatThrownBy(() -> silences.set(silence("", T0, T0 + HOUR)))
                .hasMessage("silence invalid: at least one matcher required");
        assertThatThrownBy(() -> silences.set(silence("", T0, T0 + HOUR, "a=~.*")))
                .hasMessage("silence invalid: at least one matcher must not match the empty string");
        assertThatThrownBy(() -> silences.set(new Silence("", List.of(LabelMatcher.equal("a b", "x")), T0, T0 + HOUR, 0, "", "")))
                .hasMessage("silence invalid: invalid label matcher 0: invalid label name \"a b\"");
        assertThatThrownBy(() -> silences.set(silence("nope", T0, T0 + HOUR, "a=b"))).hasMessage("silence not found");
    }

    @Test
    void expiredSilencesAreDroppedAfterTheRetentionAndTheCountIsBounded() {
        Silences silences = new Silences(new SilencesConfig(2, Duration.ofHours(120), Optional.empty()), clock);
        String a = silences.set(silence("", T0, T0 + HOUR, "a=b"));
        silences.set(silence("", T0, T0 + HOUR, "a=c"));
        assertThatThrownBy(() -> silences.set(silence("", T0, T0 + HOUR, "a=d")))
                .hasMessage("exceeded maximum number of silences: 2 (limit: 2)");
        clock.advance(Duration.ofHours(1 + 120));
        assertThat(silences.maintenance()).isZero();
        assertThat(silences.get(a)).isPresent();
        clock.advance(Duration.ofMillis(1));
        assertThat(silences.maintenance()).isEqualTo(2);
        assertThat(silences.list()).isEmpty();
    }

    @Test
    void listsActiveThenPendingThenExpired() {
        Silences silences = new Silences(SilencesConfig.IN_MEMORY, clock);
        String expired = silences.set(silence("", T0, T0 + HOUR, "a=1"));
        silences.expire(expired);
        String pending = silences.set(silence("", T0 + HOUR, T0 + 2 * HOUR, "a=2"));
        String activeLate = silences.set(silence("", T0, T0 + 3 * HOUR, "a=3"));
        String activeEarly = silences.set(silence("", T0, T0 + HOUR, "a=4"));
        assertThat(silences.list()).extracting(Silence::id).containsExactly(activeEarly, activeLate, pending, expired);
    }

    @Test
    void survivesARestartAndRefusesACorruptFile() throws Exception {
        SilencesConfig config = SilencesConfig.persistedIn(dir);
        Silences first = new Silences(config, clock);
        String id = first.set(new Silence("", List.of(AlertmanagerMatchers.parse("job=~\"api|web\""),
                AlertmanagerMatchers.parse("env!=\"dev \\\"x\\\"\"")), T0, T0 + HOUR, 0, "bob", "déploiement <1>"));
        first.expire(first.set(silence("", T0, T0 + HOUR, "a=b")));

        Silences second = new Silences(config, clock);
        assertThat(second.list()).containsExactlyElementsOf(first.list());
        assertThat(second.get(id).orElseThrow().comment()).isEqualTo("déploiement <1>");

        Path file = dir.resolve("silences.json");
        Files.writeString(file, Files.readString(file).replace("bob", "eve"));
        assertThatThrownBy(() -> new Silences(config, clock)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("checksum");
    }
}
