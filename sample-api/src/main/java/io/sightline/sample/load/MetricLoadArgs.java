package io.sightline.sample.load;

import static io.sightline.sample.load.CommandLine.duration;
import static io.sightline.sample.load.CommandLine.instant;
import static io.sightline.sample.load.CommandLine.intNumber;
import static io.sightline.sample.load.CommandLine.number;
import static io.sightline.sample.load.CommandLine.uri;

import java.nio.file.Path;

/** Parses {@link RemoteWriteLoad}'s command line in the {@link CommandLine} grammar. */
final class MetricLoadArgs {

    /** Either a config to run or a request for help. */
    record Parsed(MetricLoadConfig config, boolean help) {}

    private MetricLoadArgs() {}

    /** @throws IllegalArgumentException naming the bad flag or value */
    static Parsed parse(String... args) {
        MetricLoadConfig.Builder b = MetricLoadConfig.builder();
        boolean help = CommandLine.read(args, name -> switch (name) {
            case "--allow-remote" -> {
                b.allowRemote(true);
                yield true;
            }
            case "--otlp" -> {
                b.otlp(true);
                yield true;
            }
            case "--stop-at-now" -> {
                b.stopAtNow(true);
                yield true;
            }
            default -> false;
        }, (name, value) -> {
            switch (name) {
                case "--endpoint" -> b.endpoint(uri(name, value));
                case "--rate" -> b.samplesPerSecond(number(name, value));
                case "--duration" -> b.duration(duration(name, value));
                case "--warmup" -> b.warmup(duration(name, value));
                case "--batch" -> b.batch(intNumber(name, value));
                case "--connections", "--concurrency" -> b.connections(intNumber(name, value));
                case "--series" -> b.series(intNumber(name, value));
                case "--interval" -> b.scrapeInterval(duration(name, value));
                case "--start-ago" -> b.startAgo(duration(name, value));
                case "--start-at" -> b.startAt(instant(name, value));
                case "--scrapes" -> b.maxScrapes(number(name, value));
                case "--seed" -> b.seed(number(name, value));
                case "--max-requests" -> b.maxRequests(number(name, value));
                case "--timeout" -> b.requestTimeout(duration(name, value));
                case "--progress" -> b.progressInterval(duration(name, value));
                case "--json" -> b.jsonOutput(Path.of(value));
                default -> throw new IllegalArgumentException("unknown flag " + name);
            }
        });
        return help ? new Parsed(b.build(), true) : new Parsed(b.build().validate(), false);
    }
}
