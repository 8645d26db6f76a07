package io.sightline.query.alerting.notify;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.sightline.storage.tsdb.LabelMatcher;
import io.sightline.storage.tsdb.Labels;

/**
 * The silences, with Alertmanager's rules (its {@code silence} package, 0.25): a new silence gets a
 * random UUID and does not start before now; updating a silence in place is allowed only when its
 * matchers are unchanged and, if it is active, its start is unchanged and its end not in the past (if
 * pending, its new start not in the past); otherwise the old one is expired (unless already expired)
 * and a new one created. Expiring an active silence ends it now, a pending one starts and ends now, an
 * expired one is left as is. Expired silences stay listed for {@link SilencesConfig#retention()} and are
 * then dropped by {@link #maintenance()}.
 *
 * <p>Every change is written to {@code silences.json} in the configured directory before the call
 * returns (atomically: a new file moved over the old one), so a restart keeps them. Thread-safe (one
 * lock; a silence change is rare next to the muting checks, which read a snapshot).
 */
public final class Silences {
    /** A time not given (Go's zero time), e.g. {@code startsAt} of a silence to start now. */
    public static final long UNSET = Long.MIN_VALUE;

    private final SilencesConfig config;
    private final InstantSource clock;
    private final Optional<SilencesFile> file;
    private final Map<String, Silence> silences = new LinkedHashMap<>();
    /** An immutable copy for readers, replaced on every change. */
    private volatile List<Silence> snapshot = List.of();

    /**
     * Reads the silences persisted in the configured directory, if any.
     *
     * @throws java.io.UncheckedIOException when the file cannot be read
     * @throws IllegalStateException        naming the file when it is not a silences file or fails its checksum
     */
    public Silences(SilencesConfig config, InstantSource clock) {
        this.config = config;
        this.clock = clock;
        this.file = config.directory().map(SilencesFile::new);
        file.ifPresent(f -> f.read().forEach(s -> silences.put(s.id(), s)));
        snapshot = List.copyOf(silences.values());
    }

    /**
     * Creates (empty id) or updates a silence; returns the id now holding it (a new one when the update
     * could not be done in place).
     *
     * @throws SilenceException INVALID with Alertmanager's {@code silence invalid: …} text, NOT_FOUND for an
     *                          unknown id, LIMIT when {@code maxSilences} are kept
     */
    public synchronized String set(Silence silence) {
        long now = clock.millis();
        validate(silence);
        Silence previous = null;
        if (!silence.id().isEmpty()) {
            previous = silences.get(silence.id());
            if (previous == null) {
                throw new SilenceException(SilenceException.Kind.NOT_FOUND, "silence not found");
            }
            if (canUpdate(previous, silence, now)) {
                validateTimes(silence);
                silences.put(previous.id(), silence.withTimes(silence.startsAtMs(), silence.endsAtMs(), now));
                changed();
                return previous.id();
            }
        }
        if (silences.size() >= config.maxSilences()) {
            throw new SilenceException(SilenceException.Kind.LIMIT, "exceeded maximum number of silences: "
                    + silences.size() + " (limit: " + config.maxSilences() + ")");
        }
        Silence created = silence.withId(UUID.randomUUID().toString())
                .withTimes(Math.max(silence.startsAtMs(), now), silence.endsAtMs(), now);
        validateTimes(created);
        if (previous != null && previous.state(now) != Silence.State.EXPIRED) {
            silences.put(previous.id(), expired(previous, now));
        }
        String id = created.id();
        silences.put(id, created);
        changed();
        return id;
    }

    /**
     * Expires a silence (Alertmanager's {@code DELETE /api/v2/silence/{id}}).
     *
     * @throws SilenceException NOT_FOUND for an unknown id
     */
    public synchronized void expire(String id) {
        Silence silence = silences.get(id);
        if (silence == null) {
            throw new SilenceException(SilenceException.Kind.NOT_FOUND, "silence not found");
        }
        long now = clock.millis();
        if (silence.state(now) != Silence.State.EXPIRED) {
            silences.put(id, expired(silence, now));
            changed();
        }
    }

    public Optional<Silence> get(String id) {
        return snapshot.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** Every kept silence, expired ones included, in Alertmanager's API order. */
    public List<Silence> list() {
        long now = clock.millis();
        List<Silence> out = new ArrayList<>(snapshot);
        out.sort(apiOrder(now));
        return out;
    }

    /** The ids of the active silences muting {@code labels} at {@code nowMs}, sorted. */
    public List<String> silencedBy(Labels labels, long nowMs) {
        List<String> ids = new ArrayList<>(2);
        for (Silence s : snapshot) {
            if (s.state(nowMs) == Silence.State.ACTIVE && s.matches(labels)) {
                ids.add(s.id());
            }
        }
        ids.sort(null);
        return ids;
    }

    /** Drops silences expired longer than the retention ago (Alertmanager's GC); returns how many. */
    public synchronized int maintenance() {
        long now = clock.millis();
        long retentionMs = config.retention().toMillis();
        int before = silences.size();
        silences.values().removeIf(s -> s.endsAtMs() + retentionMs < now);
        int dropped = before - silences.size();
        if (dropped > 0) {
            changed();
        }
        return dropped;
    }

    public int size() {
        return snapshot.size();
    }

    /**
     * Alertmanager's {@code SortSilences}: active ones by end ascending, then pending ones by start
     * ascending, then expired ones by end descending.
     */
    static Comparator<Silence> apiOrder(long nowMs) {
        return (a, b) -> {
            Silence.State sa = a.state(nowMs);
            Silence.State sb = b.state(nowMs);
            if (sa != sb) {
                return Integer.compare(rank(sa), rank(sb));
            }
            return switch (sa) {
                case ACTIVE -> Long.compare(a.endsAtMs(), b.endsAtMs());
                case PENDING -> Long.compare(a.startsAtMs(), b.startsAtMs());
                case EXPIRED -> Long.compare(b.endsAtMs(), a.endsAtMs());
            };
        };
    }

    private static int rank(Silence.State state) {
        return switch (state) {
            case ACTIVE -> 0;
            case PENDING -> 1;
            case EXPIRED -> 2;
        };
    }

    private void changed() {
        snapshot = List.copyOf(silences.values());
        file.ifPresent(f -> f.write(snapshot));
    }

    private static Silence expired(Silence s, long now) {
        return s.state(now) == Silence.State.PENDING ? s.withTimes(now, now, now) : s.withTimes(s.startsAtMs(), now, now);
    }

    /** Alertmanager's {@code canUpdate}. */
    private static boolean canUpdate(Silence old, Silence update, long now) {
        if (!old.matchers().equals(update.matchers())) {
            return false;
        }
        return switch (old.state(now)) {
            case ACTIVE -> update.startsAtMs() == old.startsAtMs() && update.endsAtMs() >= now;
            case PENDING -> update.startsAtMs() >= now;
            case EXPIRED -> false;
        };
    }

    /** Alertmanager's {@code validateSilence}, with its messages. */
    private static void validate(Silence s) {
        if (s.matchers().isEmpty()) {
            throw invalid("at least one matcher required");
        }
        boolean allMatchEmpty = true;
        for (int i = 0; i < s.matchers().size(); i++) {
            LabelMatcher m = s.matchers().get(i);
            if (!AlertmanagerMatchers.validLabelName(m.name())) {
                throw invalid("invalid label matcher " + i + ": invalid label name "
                        + io.sightline.query.promql.parser.GoStrings.quote(m.name()));
            }
            allMatchEmpty &= m.matchesEmpty();
        }
        if (allMatchEmpty) {
            throw invalid("at least one matcher must not match the empty string");
        }
    }

    /** The time checks of {@code validateSilence}; a new silence's start has been moved to now first. */
    private static void validateTimes(Silence s) {
        if (s.startsAtMs() == UNSET) {
            throw invalid("invalid zero start timestamp");
        }
        if (s.endsAtMs() == UNSET) {
            throw invalid("invalid zero end timestamp");
        }
        if (s.endsAtMs() < s.startsAtMs()) {
            throw invalid("end time must not be before start time");
        }
    }

    private static SilenceException invalid(String why) {
        return new SilenceException(SilenceException.Kind.INVALID, "silence invalid: " + why);
    }
}
