package io.sightline.sample.load;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Parses {@link RemoteWriteLoad}'s command line: {@code --flag value} or {@code --flag=value};
 * durations and numbers as {@link LoadArgs} reads them.
 */
final class MetricLoadArgs {

    /** Either a config to run or a request for help. */
    record Parsed(MetricLoadConfig config, boolean help) {}

    private MetricLoadArgs() {}

    /** @throws IllegalArgumentException naming the bad flag or value */
    static Parsed parse(String... args) {
        MetricLoadConfig.Builder b = MetricLoadConfig.builder();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> {
                    return new Parsed(b.build(), true);
                }
                case "--allow-remote" -> {
                    b.allowRemote(true);
                    continue;
                }
                case "--otlp" -> {
                    b.otlp(true);
                    continue;
                }
                case "--stop-at-now" -> {
                    b.stopAtNow(true);
                    continue;
                }
                default -> { }
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
                case "--rate" -> b.samplesPerSecond(LoadArgs.number(name, value));
                case "--duration" -> b.duration(LoadArgs.duration(name, value));
                case "--warmup" -> b.warmup(LoadArgs.duration(name, value));
                case "--batch" -> b.batch(intNumber(name, value));
                case "--connections", "--concurrency" -> b.connections(intNumber(name, value));
                case "--series" -> b.series(intNumber(name, value));
                case "--interval" -> b.scrapeInterval(LoadArgs.duration(name, value));
                case "--start-ago" -> b.startAgo(LoadArgs.duration(name, value));
                case "--start-at" -> b.startAt(instant(name, value));
                case "--scrapes" -> b.maxScrapes(LoadArgs.number(name, value));
                case "--seed" -> b.seed(LoadArgs.number(name, value));
                case "--max-requests" -> b.maxRequests(LoadArgs.number(name, value));
                case "--timeout" -> b.requestTimeout(LoadArgs.duration(name, value));
                case "--progress" -> b.progressInterval(LoadArgs.duration(name, value));
                case "--json" -> b.jsonOutput(Path.of(value));
                default -> throw new IllegalArgumentException("unknown flag " + name);
            }
        }
        return new Parsed(b.build().validate(), false);
    }

    /** An ISO-8601 instant ({@code 2026-11-29T08:00:00Z}) or whole milliseconds since the epoch. */
    static Instant instant(String flag, String value) {
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

    private static int intNumber(String flag, String value) {
        long n = LoadArgs.number(flag, value);
        if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(flag + " is out of range: " + value);
        }
        return (int) n;
    }

    private static URI uri(String flag, String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(flag + " is not a URL: " + value);
        }
    }
}
