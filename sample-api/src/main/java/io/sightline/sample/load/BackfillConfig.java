package io.sightline.sample.load;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The backfill mode of {@link OtlpLogLoad}, for the search benchmark: with a {@code span}, the
 * run's {@code --max-requests} requests are built as they are sent ({@link BackfillRequests}) and
 * their records stamped evenly over {@code [end - span, end)} ({@link BackfillPlan}) instead of
 * with the send time. Off ({@link #NONE}) by default; then every other field must keep its
 * default too.
 *
 * @param span how far back the records reach; {@link Duration#ZERO} = off
 * @param end the end of the span (exclusive); empty = when the run starts
 * @param lean records without attributes and trace context (about 250 bytes as a text line)
 * @param timeoutPercent share of records, in percent, whose body reports a timeout (WARN or
 *     ERROR); the only bodies that contain {@code timeout}
 * @param token a word appended to the bodies of exactly {@code tokenRecords} records, spread over
 *     the span; empty = none
 * @param tokenRecords how many records carry the token
 * @param rawOutput where to write every acknowledged record as a text line ({@link RawLogLines});
 *     empty = nowhere
 */
public record BackfillConfig(
        Duration span,
        Optional<Instant> end,
        boolean lean,
        double timeoutPercent,
        Optional<String> token,
        int tokenRecords,
        Optional<Path> rawOutput) {

    public static final BackfillConfig NONE =
            new BackfillConfig(Duration.ZERO, Optional.empty(), false, 0, Optional.empty(), 3, Optional.empty());

    static final Duration MAX_SPAN = Duration.ofDays(366);
    static final int MAX_TOKEN_RECORDS = 1_000;
    /** One word for a full-text index and for grep: letters, digits and underscores. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_]{1,64}");

    public boolean enabled() {
        return !span.isZero();
    }

    /** The generator's record shape for this mode. */
    LogBatchGenerator.Backfill shape() {
        return new LogBatchGenerator.Backfill(lean, timeoutPercent, token.orElse(null));
    }

    /**
     * @param totalRecords the run's records ({@code --max-requests} times {@code --batch})
     * @throws IllegalArgumentException naming the first bad value and what is accepted
     */
    BackfillConfig validate(long totalRecords) {
        if (!enabled()) {
            check(span.isZero(), "--span must be above 0: " + span);
            check(end.isEmpty() && !lean && timeoutPercent == 0 && token.isEmpty() && rawOutput.isEmpty(),
                    "--span-end, --lean, --timeout-percent, --token and --raw-out need --span");
            return this;
        }
        check(!span.isNegative() && span.compareTo(MAX_SPAN) <= 0, "--span must be above 0 and at most 366 days: " + span);
        check(totalRecords > 0, "--span needs --max-requests: the run sends --max-requests x --batch records");
        check(timeoutPercent >= 0 && timeoutPercent <= 100, "--timeout-percent must be between 0 and 100: " + timeoutPercent);
        token.ifPresent(t -> check(TOKEN.matcher(t).matches(),
                "--token must be 1 to 64 letters, digits or underscores: " + t));
        check(tokenRecords >= 1 && tokenRecords <= Math.min(MAX_TOKEN_RECORDS, totalRecords),
                "--token-records must be between 1 and " + Math.min(MAX_TOKEN_RECORDS, totalRecords) + ": " + tokenRecords);
        return this;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public BackfillConfig withSpan(Duration v) {
        return new BackfillConfig(v, end, lean, timeoutPercent, token, tokenRecords, rawOutput);
    }

    public BackfillConfig withEnd(Instant v) {
        return new BackfillConfig(span, Optional.of(v), lean, timeoutPercent, token, tokenRecords, rawOutput);
    }

    public BackfillConfig withLean(boolean v) {
        return new BackfillConfig(span, end, v, timeoutPercent, token, tokenRecords, rawOutput);
    }

    public BackfillConfig withTimeoutPercent(double v) {
        return new BackfillConfig(span, end, lean, v, token, tokenRecords, rawOutput);
    }

    public BackfillConfig withToken(String v) {
        return new BackfillConfig(span, end, lean, timeoutPercent, Optional.of(v), tokenRecords, rawOutput);
    }

    public BackfillConfig withTokenRecords(int v) {
        return new BackfillConfig(span, end, lean, timeoutPercent, token, v, rawOutput);
    }

    public BackfillConfig withRawOutput(Path v) {
        return new BackfillConfig(span, end, lean, timeoutPercent, token, tokenRecords, Optional.of(v));
    }
}
