package io.sightline.sample.httpload;

import static io.sightline.sample.load.CommandLine.duration;
import static io.sightline.sample.load.CommandLine.intNumber;
import static io.sightline.sample.load.CommandLine.number;
import static io.sightline.sample.load.CommandLine.uri;

import io.sightline.sample.load.CommandLine;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Parses {@link HttpLoadMain}'s command line in the other generators' grammar ({@link CommandLine}).
 * The scenario comes from {@code --scenario FILE} or is the sample shop at {@code --target}; every
 * other flag given overrides the file's value, whatever the order of the flags.
 */
final class HttpLoadArgs {

    /** What to run, or a request for help. */
    record Parsed(HttpLoadScenario scenario, HttpLoadReporting reporting, HttpLoadOptions options,
                  Optional<Path> json, boolean quiet, boolean help) {}

    private HttpLoadArgs() {}

    /**
     * @throws IllegalArgumentException naming the bad flag or value (a {@link ScenarioException}
     *     for a bad scenario file)
     */
    static Parsed parse(List<String> args) {
        List<UnaryOperator<HttpLoadScenario>> overrides = new ArrayList<>();
        Path[] scenarioFile = {null};
        URI[] target = {null};
        Path[] json = {null};
        boolean[] quiet = {false};
        HttpLoadReporting[] reporting = {HttpLoadReporting.none()};
        HttpLoadOptions[] options = {HttpLoadOptions.defaults()};
        boolean help = CommandLine.read(args.toArray(String[]::new), name -> {
            if (name.equals("--quiet")) {
                quiet[0] = true;
                return true;
            }
            return false;
        }, (name, value) -> {
            switch (name) {
                case "--target" -> target[0] = httpUri(name, value);
                case "--scenario" -> scenarioFile[0] = Path.of(value);
                case "--users" -> {
                    int n = positive(name, intNumber(name, value));
                    overrides.add(s -> s.withUsers(n));
                }
                case "--spawn-rate" -> {
                    double r = decimal(name, value);
                    if (!(r > 0)) {
                        throw new IllegalArgumentException(name + " must be above 0: " + value);
                    }
                    overrides.add(s -> s.withSpawnRate(r));
                }
                case "--rate" -> {
                    double r = decimal(name, value);
                    if (r < 0) {
                        throw new IllegalArgumentException(name + " must be 0 (unlimited) or above: " + value);
                    }
                    overrides.add(s -> s.withTargetRate(r));
                }
                case "--duration" -> {
                    Duration d = duration(name, value);
                    overrides.add(s -> s.withDuration(d));
                }
                case "--think-time" -> {
                    Duration d = duration(name, value);
                    overrides.add(s -> s.withThinkTime(d));
                }
                case "--otlp-endpoint" -> reporting[0] = reporting[0].withMetrics(httpUri(name, value), reporting[0].runId());
                case "--run-id" -> {
                    if (value.isBlank()) {
                        throw new IllegalArgumentException(name + " must not be blank");
                    }
                    reporting[0] = reporting[0].withRunId(value);
                }
                case "--json" -> json[0] = Path.of(value);
                case "--timeout" -> options[0] = options[0].withResponseTimeout(nonZero(name, duration(name, value)));
                case "--seed" -> options[0] = options[0].withSeed(number(name, value));
                default -> throw new IllegalArgumentException("unknown flag " + name);
            }
        });
        HttpLoadScenario scenario = scenarioFile[0] != null ? HttpLoadScenario.parse(scenarioFile[0])
                : HttpLoadScenario.sampleShop(HttpLoadScenario.DEFAULT_TARGET);
        if (target[0] != null) {
            scenario = scenario.withTarget(target[0]);
        }
        for (UnaryOperator<HttpLoadScenario> o : overrides) {
            scenario = o.apply(scenario);
        }
        return new Parsed(scenario, reporting[0], options[0], Optional.ofNullable(json[0]), quiet[0], help);
    }

    private static URI httpUri(String flag, String value) {
        URI u = uri(flag, value);
        if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
            throw new IllegalArgumentException(flag + " must be an http:// or https:// URL with a host: " + value);
        }
        return u;
    }

    private static int positive(String flag, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(flag + " must be at least 1: " + n);
        }
        return n;
    }

    private static Duration nonZero(String flag, Duration d) {
        if (d.isZero()) {
            throw new IllegalArgumentException(flag + " must be above 0");
        }
        return d;
    }

    /** A number with an optional fraction, or a whole number with a k/m suffix ({@code 5k}). */
    static double decimal(String flag, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.endsWith("k") || v.endsWith("m")) {
            return number(flag, v);
        }
        try {
            double d = Double.parseDouble(v);
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a number: " + value);
        }
    }
}
