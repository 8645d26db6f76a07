package io.sightline.sample.httpload;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a load run does: which target, which requests in which proportions, how many users, how
 * fast.
 *
 * @param target the base URL ({@code http://host:port}, or {@code https://}); endpoint paths are
 *     appended to it, so a base path such as {@code /shop} is kept
 * @param endpoints the weighted requests, at least one
 * @param users concurrent virtual users, each with its own keep-alive connection and one request
 *     in flight at a time (as Locust's users); at least 1
 * @param spawnRate users started per second until all run; {@code > 0}
 * @param targetRate requests/s over all users once all are started; 0 = as fast as the users go.
 *     Each user is paced at {@code targetRate / users}, so a user that falls behind is charged
 *     for it in its latency rather than made up for by the others
 * @param duration how long the run lasts from its start (ramp-up included); {@link Duration#ZERO} =
 *     until {@link HttpLoad#close()}
 * @param thinkTime each user's pause between the end of one request and the start of its next;
 *     {@link Duration#ZERO} = none
 */
public record HttpLoadScenario(
        URI target,
        List<HttpEndpoint> endpoints,
        int users,
        double spawnRate,
        double targetRate,
        Duration duration,
        Duration thinkTime) {

    /** The sample frontend's address, the target when none is given. */
    public static final URI DEFAULT_TARGET = URI.create("http://127.0.0.1:8081");
    public static final int DEFAULT_USERS = 50;
    public static final double DEFAULT_SPAWN_RATE = 10;
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(60);

    public HttpLoadScenario {
        Objects.requireNonNull(target, "target");
        endpoints = List.copyOf(endpoints);
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(thinkTime, "thinkTime");
        String scheme = target.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || target.getHost() == null) {
            throw new IllegalArgumentException("target must be an http:// or https:// URL with a host: " + target);
        }
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("endpoints must list at least one endpoint");
        }
        if (endpoints.stream().map(HttpEndpoint::name).distinct().count() != endpoints.size()) {
            throw new IllegalArgumentException("endpoints must have different names: "
                    + endpoints.stream().map(HttpEndpoint::name).toList());
        }
        if (users < 1) {
            throw new IllegalArgumentException("users must be at least 1: " + users);
        }
        if (!(spawnRate > 0) || Double.isInfinite(spawnRate)) {
            throw new IllegalArgumentException("spawnRate must be above 0: " + spawnRate);
        }
        if (!(targetRate >= 0) || Double.isInfinite(targetRate)) {
            throw new IllegalArgumentException("rate must be 0 (unlimited) or above: " + targetRate);
        }
        if (duration.isNegative() || thinkTime.isNegative()) {
            throw new IllegalArgumentException("duration and thinkTime must not be negative: " + duration + ", " + thinkTime);
        }
    }

    /**
     * The sample services' shop, through their frontend: look up stock (weight 5), place an order
     * (3), look up an order placed earlier (2), with the defaults of {@link HttpLoadMain}.
     */
    public static HttpLoadScenario sampleShop(URI frontend) {
        return new HttpLoadScenario(frontend, List.of(
                new HttpEndpoint("stock", "GET", "/api/stock/{sku}", "", 5),
                new HttpEndpoint("place-order", "POST", "/api/orders", "{\"sku\":\"{sku}\",\"quantity\":{int1to5}}", 3),
                new HttpEndpoint("get-order", "GET", "/api/orders/{orderId}", "", 2)),
                DEFAULT_USERS, DEFAULT_SPAWN_RATE, 0, DEFAULT_DURATION, Duration.ZERO);
    }

    /**
     * Reads a scenario file (YAML; the format is in sample-api/README.md). Keys left out take the
     * defaults of {@link #sampleShop}.
     *
     * @throws ScenarioException naming the file, line and field of the first problem
     * @throws java.io.UncheckedIOException when the file cannot be read
     */
    public static HttpLoadScenario parse(Path file) {
        return ScenarioFile.read(file);
    }

    public HttpLoadScenario withTarget(URI newTarget) {
        return new HttpLoadScenario(newTarget, endpoints, users, spawnRate, targetRate, duration, thinkTime);
    }

    public HttpLoadScenario withUsers(int newUsers) {
        return new HttpLoadScenario(target, endpoints, newUsers, spawnRate, targetRate, duration, thinkTime);
    }

    public HttpLoadScenario withSpawnRate(double newSpawnRate) {
        return new HttpLoadScenario(target, endpoints, users, newSpawnRate, targetRate, duration, thinkTime);
    }

    public HttpLoadScenario withTargetRate(double newTargetRate) {
        return new HttpLoadScenario(target, endpoints, users, spawnRate, newTargetRate, duration, thinkTime);
    }

    public HttpLoadScenario withDuration(Duration newDuration) {
        return new HttpLoadScenario(target, endpoints, users, spawnRate, targetRate, newDuration, thinkTime);
    }

    public HttpLoadScenario withThinkTime(Duration newThinkTime) {
        return new HttpLoadScenario(target, endpoints, users, spawnRate, targetRate, duration, newThinkTime);
    }

    public HttpLoadScenario withEndpoints(List<HttpEndpoint> newEndpoints) {
        return new HttpLoadScenario(target, newEndpoints, users, spawnRate, targetRate, duration, thinkTime);
    }
}
