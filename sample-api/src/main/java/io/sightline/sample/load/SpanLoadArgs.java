package io.sightline.sample.load;

import static io.sightline.sample.load.CommandLine.duration;
import static io.sightline.sample.load.CommandLine.instant;
import static io.sightline.sample.load.CommandLine.intNumber;
import static io.sightline.sample.load.CommandLine.number;
import static io.sightline.sample.load.CommandLine.uri;

import java.nio.file.Path;
import java.util.Optional;

/** Parses {@link OtlpSpanLoad}'s command line in the {@link CommandLine} grammar. */
final class SpanLoadArgs {

    /** Either a config to run or a request for help. */
    record Parsed(SpanLoadConfig config, boolean help) {}

    private SpanLoadArgs() {}

    /** @throws IllegalArgumentException naming the bad flag or value */
    static Parsed parse(String... args) {
        LoadConfig.Builder b = LoadConfig.builder();
        SpanBody.Format[] format = {SpanBody.Format.OTLP};
        boolean[] endpointSet = {false};
        Path[] traceIds = {null};
        boolean help = CommandLine.read(args, name -> switch (name) {
            case "--allow-remote" -> {
                b.allowRemote(true);
                yield true;
            }
            case "--zipkin" -> {
                format[0] = SpanBody.Format.ZIPKIN;
                yield true;
            }
            default -> false;
        }, (name, value) -> {
            switch (name) {
                case "--endpoint" -> {
                    b.endpoint(uri(name, value));
                    endpointSet[0] = true;
                }
                case "--rate" -> b.recordsPerSecond(number(name, value));
                case "--duration" -> b.duration(duration(name, value));
                case "--warmup" -> b.warmup(duration(name, value));
                case "--batch" -> b.batch(intNumber(name, value));
                case "--connections", "--concurrency" -> b.connections(intNumber(name, value));
                case "--seed" -> b.seed(number(name, value));
                case "--pool" -> b.poolSize(intNumber(name, value));
                case "--max-requests" -> b.maxRequests(number(name, value));
                case "--timeout" -> b.requestTimeout(duration(name, value));
                case "--progress" -> b.progressInterval(duration(name, value));
                case "--json" -> b.jsonOutput(Path.of(value));
                case "--span" -> b.backfill(b.backfill().withSpan(duration(name, value)));
                case "--span-end" -> b.backfill(b.backfill().withEnd(instant(name, value)));
                case "--trace-ids-out" -> traceIds[0] = Path.of(value);
                default -> throw new IllegalArgumentException("unknown flag " + name);
            }
        });
        if (format[0] == SpanBody.Format.ZIPKIN && !endpointSet[0]) {
            b.endpoint(SpanLoadConfig.DEFAULT_ZIPKIN_ENDPOINT);
        }
        SpanLoadConfig config = new SpanLoadConfig(b.build(), format[0], Optional.ofNullable(traceIds[0]));
        return help ? new Parsed(config, true) : new Parsed(config.validate(), false);
    }
}
