package io.sightline.sample.load;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the generator's command line: {@code --flag value} or {@code --flag=value}.
 * Hand-written because sample-api depends on nothing but the OTLP protos.
 */
final class LoadArgs {

    /** Either a config to run or a request for help. */
    record Parsed(LoadConfig config, boolean help) {}

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

    private LoadArgs() {}

    /** @throws IllegalArgumentException naming the bad flag or value */
    static Parsed parse(String... args) {
        LoadConfig.Builder b = LoadConfig.builder();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return new Parsed(b.build(), true);
            }
            if (arg.equals("--allow-remote")) {
                b.allowRemote(true);
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
            switch (name) {
                case "--endpoint" -> b.endpoint(uri(name, value));
                case "--rate" -> b.recordsPerSecond(number(name, value));
                case "--duration" -> b.duration(duration(name, value));
                case "--warmup" -> b.warmup(duration(name, value));
                case "--batch" -> b.batch(intNumber(name, value));
                case "--connections", "--concurrency" -> b.connections(intNumber(name, value));
                case "--services" -> b.services(intNumber(name, value));
                case "--seed" -> b.seed(number(name, value));
                case "--pool" -> b.poolSize(intNumber(name, value));
                case "--max-requests" -> b.maxRequests(number(name, value));
                case "--timeout" -> b.requestTimeout(duration(name, value));
                case "--progress" -> b.progressInterval(duration(name, value));
                case "--json" -> b.jsonOutput(Path.of(value));
                default -> throw new IllegalArgumentException("unknown flag " + name);
            }
        }
        return new Parsed(b.build().validate(), false);
    }

    /** Accepts {@code 500ms}, {@code 60s}, {@code 2m}, {@code 1h}, a bare number of seconds, or ISO-8601. */
    static Duration duration(String flag, String value) {
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
    static long number(String flag, String value) {
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

    private static int intNumber(String flag, String value) {
        long n = number(flag, value);
        if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(flag + " is out of range: " + value);
        }
        return (int) n;
    }

    private static URI uri(String flag, String value) {
        try {
            return new URI(value);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(flag + " is not a URL: " + value);
        }
    }
}
