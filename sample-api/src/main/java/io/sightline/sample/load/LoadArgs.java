package io.sightline.sample.load;

import static io.sightline.sample.load.CommandLine.duration;
import static io.sightline.sample.load.CommandLine.instant;
import static io.sightline.sample.load.CommandLine.intNumber;
import static io.sightline.sample.load.CommandLine.number;
import static io.sightline.sample.load.CommandLine.uri;

import java.nio.file.Path;

/** Parses {@link OtlpLogLoad}'s command line in the {@link CommandLine} grammar. */
final class LoadArgs {

    /** Either a config to run or a request for help. */
    record Parsed(LoadConfig config, boolean help) {}

    private LoadArgs() {}

    /** @throws IllegalArgumentException naming the bad flag or value */
    static Parsed parse(String... args) {
        LoadConfig.Builder b = LoadConfig.builder();
        boolean help = CommandLine.read(args, name -> switch (name) {
            case "--allow-remote" -> {
                b.allowRemote(true);
                yield true;
            }
            case "--lean" -> {
                b.backfill(b.backfill().withLean(true));
                yield true;
            }
            default -> false;
        }, (name, value) -> {
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
                case "--span" -> b.backfill(b.backfill().withSpan(duration(name, value)));
                case "--span-end" -> b.backfill(b.backfill().withEnd(instant(name, value)));
                case "--timeout-percent" -> b.backfill(b.backfill().withTimeoutPercent(percent(name, value)));
                case "--token" -> b.backfill(b.backfill().withToken(value));
                case "--token-records" -> b.backfill(b.backfill().withTokenRecords(intNumber(name, value)));
                case "--raw-out" -> b.backfill(b.backfill().withRawOutput(Path.of(value)));
                default -> throw new IllegalArgumentException("unknown flag " + name);
            }
        });
        return help ? new Parsed(b.build(), true) : new Parsed(b.build().validate(), false);
    }

    private static double percent(String flag, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a number of percent like 1 or 0.5: " + value);
        }
    }
}
