package io.sightline.sample.load;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load generators' command-line grammar: {@code --flag value} or {@code --flag=value}, bare
 * switches, {@code --help}/{@code -h}, and the value formats (durations, whole numbers with k/m
 * suffixes, URLs, instants). Hand-written because sample-api depends on nothing but the OTLP
 * protos. Every error is an {@link IllegalArgumentException} naming the flag. Stateless. Public
 * because the HTTP load generator ({@code io.sightline.sample.httpload}) shares the grammar.
 */
public final class CommandLine {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

    private CommandLine() {}

    /**
     * Hands each argument, in order, to {@code switches} (a flag without a value: it returns
     * whether it knew the flag) or else, split into name and value, to {@code flags}, which throws
     * for an unknown name. Stops at {@code --help} or {@code -h}.
     *
     * @return whether help was asked for
     * @throws IllegalArgumentException for an argument that is not a flag or a flag without a value
     */
    public static boolean read(String[] args, Predicate<String> switches, BiConsumer<String, String> flags) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return true;
            }
            if (switches.test(arg)) {
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else {
                name = arg;
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                value = args[++i];
            }
            flags.accept(name, value);
        }
        return false;
    }

    /** Accepts {@code 500ms}, {@code 60s}, {@code 2m}, {@code 1h}, a bare number of seconds, or ISO-8601. */
    public static Duration duration(String flag, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("pt")) {
            try {
                return Duration.parse(v);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(flag + " is not a duration: " + value);
            }
        }
        Matcher m = DURATION.matcher(v);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    flag + " must be a duration like 500ms, 60s, 2m or 1h: " + value);
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> amount;
            case "s" -> amount * 1_000;
            case "m" -> amount * 60_000;
            default -> amount * 3_600_000;
        };
        return Duration.ofMillis(Math.round(millis));
    }

    /** A whole number; underscores and a k (thousand) or m (million) suffix are allowed. */
    public static long number(String flag, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT).replace("_", "");
        long factor = 1;
        if (v.endsWith("k")) {
            factor = 1_000;
            v = v.substring(0, v.length() - 1);
        } else if (v.endsWith("m")) {
            factor = 1_000_000;
            v = v.substring(0, v.length() - 1);
        }
        try {
            return Math.multiplyExact(Long.parseLong(v), factor);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(flag + " must be a whole number: " + value);
        }
    }

    /** {@link #number} within the range of an int. */
    public static int intNumber(String flag, String value) {
        long n = number(flag, value);
        if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(flag + " is out of range: " + value);
        }
        return (int) n;
    }

    public static URI uri(String flag, String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(flag + " is not a URL: " + value);
        }
    }

    /** An ISO-8601 instant ({@code 2026-11-29T08:00:00Z}) or whole milliseconds since the epoch. */
    public static Instant instant(String flag, String value) {
        String v = value.trim();
        if (v.matches("\\d+")) {
            return Instant.ofEpochMilli(Long.parseLong(v));
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    flag + " must be an instant like 2026-11-29T08:00:00Z or milliseconds since the epoch: " + value);
        }
    }
}
