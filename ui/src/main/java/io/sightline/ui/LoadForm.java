package io.sightline.ui;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

import io.sightline.ui.LoadControl.LoadLimits;
import io.sightline.ui.LoadControl.LoadRequest;

/**
 * The load page's start form, read and checked against the {@link LoadLimits}: every field's
 * problem is a message naming the field and its allowed range, shown above the form.
 *
 * <p>Fields: {@code users} (1..maxUsers), {@code spawn_rate} (users/s, above 0, at most
 * maxSpawnRate), {@code target_rate} (requests/s, 0 = unpaced, at most maxTargetRate),
 * {@code duration} (seconds, or with a unit: {@code 90s}, {@code 5m}, {@code 1h}; 1 s..maxDuration).
 */
final class LoadForm {
    static final String DEFAULT_USERS = "10";
    static final String DEFAULT_SPAWN_RATE = "5";
    static final String DEFAULT_TARGET_RATE = "50";
    static final String DEFAULT_DURATION = "60s";

    private LoadForm() {
    }

    /**
     * @param field a form field's value by name, null when absent
     * @throws IllegalArgumentException with the message to show
     */
    static LoadRequest parse(Function<String, String> field, LoadLimits limits) {
        int users = (int) number(field, "users", "Users", 1, limits.maxUsers(), true);
        double spawnRate = number(field, "spawn_rate", "Spawn rate", Double.MIN_VALUE, limits.maxSpawnRate(), false);
        double targetRate = number(field, "target_rate", "Target rate", 0, limits.maxTargetRate(), false);
        Duration duration = duration(field.apply("duration"), limits.maxDuration());
        return new LoadRequest(users, spawnRate, targetRate, duration);
    }

    private static double number(Function<String, String> field, String name, String label, double min, double max,
                                 boolean whole) {
        String raw = field.apply(name);
        String range = (min == Double.MIN_VALUE ? "above 0" : "from " + plain(min)) + " to " + plain(max);
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException(label + " is required: a number " + range + ".");
        }
        double value;
        try {
            value = whole ? Long.parseLong(raw.strip()) : Double.parseDouble(raw.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(label + " must be " + (whole ? "a whole number " : "a number ") + range
                    + ", not \"" + raw.strip() + "\".");
        }
        if (!Double.isFinite(value) || value < min || value > max) {
            throw new IllegalArgumentException(label + " must be " + range + ", not " + raw.strip() + ".");
        }
        return value;
    }

    private static Duration duration(String raw, Duration max) {
        String range = "from 1s to " + seconds(max);
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("Duration is required: seconds or 90s, 5m, 1h, " + range + ".");
        }
        String text = raw.strip().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (text.endsWith("s") || text.endsWith("m") || text.endsWith("h")) {
            unit = switch (text.charAt(text.length() - 1)) {
                case 'm' -> 60;
                case 'h' -> 3600;
                default -> 1;
            };
            text = text.substring(0, text.length() - 1);
        }
        long amount;
        try {
            amount = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Duration must be whole seconds or 90s, 5m, 1h, " + range + ", not \""
                    + raw.strip() + "\".");
        }
        if (amount < 1 || amount > max.toSeconds() / unit) {
            throw new IllegalArgumentException("Duration must be " + range + ", not " + raw.strip() + ".");
        }
        return Duration.ofSeconds(amount * unit);
    }

    private static String seconds(Duration duration) {
        long s = duration.toSeconds();
        return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
