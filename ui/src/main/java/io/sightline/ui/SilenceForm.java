package io.sightline.ui;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.sightline.query.alerting.notify.AlertmanagerMatchers;
import io.sightline.query.alerting.notify.Silence;
import io.sightline.query.promql.parser.Durations;
import io.sightline.storage.tsdb.LabelMatcher;

/**
 * The alerts page's "new silence" form as submitted: matchers in Alertmanager's notation
 * ({@code alertname="X", severity=~"crit|warn"}), a start (blank: now), an end or a duration (blank:
 * {@link #DEFAULT_DURATION}), the author and a comment. {@link #toSilence} checks what the form can
 * check and names every problem; {@link io.sightline.query.alerting.notify.Silences#set} checks the rest
 * with Alertmanager's words. Immutable.
 *
 * @param matchers  as typed
 * @param startsAt  RFC 3339, {@code 2026-11-30T10:00} (UTC), {@code now}, or blank
 * @param endsAt    as {@code startsAt}; blank to use {@code duration}
 * @param duration  a Prometheus duration ({@code 2h}, {@code 1h30m}); used when {@code endsAt} is blank
 * @param createdBy who silences
 * @param comment   why
 */
record SilenceForm(String matchers, String startsAt, String endsAt, String duration, String createdBy, String comment) {
    static final String DEFAULT_DURATION = "2h";

    /** The form's fields from a submitted body; missing ones are blank, all stripped. */
    static SilenceForm of(Map<String, String> fields) {
        return new SilenceForm(field(fields, "matchers"), field(fields, "starts_at"), field(fields, "ends_at"),
                field(fields, "duration"), field(fields, "created_by"), field(fields, "comment"));
    }

    /** An empty form with the default duration, and {@code matchers} filled in (e.g. from an alert's labels). */
    static SilenceForm blank(String matchers) {
        return new SilenceForm(matchers, "", "", DEFAULT_DURATION, "", "");
    }

    /** Either the silence to create or the problems, one per field at fault. */
    record Outcome(Silence silence, List<String> errors) {
    }

    Outcome toSilence(long nowMs) {
        List<String> errors = new ArrayList<>();
        List<LabelMatcher> parsed = List.of();
        if (matchers.isEmpty()) {
            errors.add("Matchers: at least one matcher is required, e.g. alertname=\"HighErrorRate\"");
        } else {
            try {
                parsed = AlertmanagerMatchers.parseList(matchers);
                if (parsed.isEmpty()) {
                    errors.add("Matchers: at least one matcher is required, e.g. alertname=\"HighErrorRate\"");
                }
            } catch (IllegalArgumentException e) {
                errors.add("Matchers: " + e.getMessage());
            }
        }
        long start = nowMs;
        if (!startsAt.isEmpty()) {
            try {
                start = time(startsAt, nowMs);
            } catch (IllegalArgumentException e) {
                errors.add("Start: " + e.getMessage());
            }
        }
        long end = Long.MIN_VALUE;
        if (!endsAt.isEmpty()) {
            try {
                end = time(endsAt, nowMs);
            } catch (IllegalArgumentException e) {
                errors.add("End: " + e.getMessage());
            }
        } else {
            String d = duration.isEmpty() ? DEFAULT_DURATION : duration;
            try {
                long ms = Durations.parseMillis(d);
                if (ms <= 0) {
                    errors.add("Duration: must be positive, got \"" + d + "\"");
                }
                end = start + ms;
            } catch (IllegalArgumentException e) {
                errors.add("Duration: " + e.getMessage() + " (e.g. 30m, 2h, 1d)");
            }
        }
        if (end != Long.MIN_VALUE && errors.isEmpty() && end <= start) {
            errors.add("End: the silence must end after it starts");
        }
        if (end != Long.MIN_VALUE && errors.isEmpty() && end <= nowMs) {
            errors.add("End: the silence would already be over");
        }
        if (createdBy.isEmpty()) {
            errors.add("Author: say who creates the silence");
        }
        if (comment.isEmpty()) {
            errors.add("Comment: say why the alerts are silenced");
        }
        if (!errors.isEmpty()) {
            return new Outcome(null, List.copyOf(errors));
        }
        return new Outcome(new Silence("", parsed, start, end, 0, createdBy, comment), List.of());
    }

    /** {@code now}, RFC 3339, or a local date-time without offset read as UTC. */
    static long time(String text, long nowMs) {
        if (text.equals("now")) {
            return nowMs;
        }
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).toEpochMilli();
            } catch (DateTimeParseException again) {
                throw new IllegalArgumentException("expected now or a time such as 2026-11-30T10:00:00Z, got \""
                        + text + "\"");
            }
        }
    }

    private static String field(Map<String, String> fields, String name) {
        return fields.getOrDefault(name, "").strip();
    }
}
