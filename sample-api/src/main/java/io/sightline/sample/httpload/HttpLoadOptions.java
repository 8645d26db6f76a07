package io.sightline.sample.httpload;

import java.time.Duration;
import java.util.Objects;

/**
 * The engine's limits; every one has a default ({@link #defaults()}).
 *
 * @param connectTimeout longest TCP (and TLS) connect; default 5 s
 * @param responseTimeout longest wait for any read of an answer; a request that exceeds it counts
 *     as a connection error ({@code SocketTimeoutException}); default 30 s
 * @param maxBodyBytes bytes of each answer's body kept to find an order id; the rest is read and
 *     dropped; default 4 KiB (the sample shop's answers are under 200 bytes)
 * @param rememberedOrderIds order ids remembered for {@code {orderId}}; default 1,000
 * @param seed the users' random sources derive from it (endpoint choice, placeholders); default 1
 * @param stopTimeout how long {@link HttpLoad#close()} waits for the users and the metrics' last
 *     export; default 5 s
 */
public record HttpLoadOptions(
        Duration connectTimeout,
        Duration responseTimeout,
        int maxBodyBytes,
        int rememberedOrderIds,
        long seed,
        Duration stopTimeout) {

    public HttpLoadOptions {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero() || responseTimeout.isNegative()
                || responseTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be above 0: connect " + connectTimeout
                    + ", response " + responseTimeout);
        }
        if (maxBodyBytes < 0 || rememberedOrderIds < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be >= 0 and rememberedOrderIds >= 1: "
                    + maxBodyBytes + ", " + rememberedOrderIds);
        }
    }

    public static HttpLoadOptions defaults() {
        return new HttpLoadOptions(Duration.ofSeconds(5), Duration.ofSeconds(30), 4096, 1000, 1, Duration.ofSeconds(5));
    }

    public HttpLoadOptions withResponseTimeout(Duration timeout) {
        return new HttpLoadOptions(connectTimeout, timeout, maxBodyBytes, rememberedOrderIds, seed, stopTimeout);
    }

    public HttpLoadOptions withSeed(long newSeed) {
        return new HttpLoadOptions(connectTimeout, responseTimeout, maxBodyBytes, rememberedOrderIds, newSeed, stopTimeout);
    }
}
