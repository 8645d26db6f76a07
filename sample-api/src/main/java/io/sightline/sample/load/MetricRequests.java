package io.sightline.sample.load;

import java.net.http.HttpRequest;

/**
 * The request bodies one sender posts, scrape after scrape, for the series of the targets it
 * owns. Each simulated scrape ("round") is split into {@link #requestsPerRound()} requests; the
 * sender encodes request 0, 1, ... of a round, then calls {@link #advance()} to move every series
 * on by one scrape.
 *
 * <p>Not thread-safe: each sender has its own instance, so each series is sent by one sender
 * only, in timestamp order (as Prometheus shards its remote_write queue by series).
 */
interface MetricRequests {

    int requestsPerRound();

    /** Samples (one per Prometheus series) request {@code request} of a round carries. */
    int samples(int request);

    /** A buffer of this size holds any body {@link #encode} writes. */
    int maxBodyBytes();

    /** Moves every series on by one scrape. */
    void advance();

    /**
     * Writes request {@code request} of the current round into {@code out}, each target's samples
     * stamped {@code roundMillis} plus that target's scrape offset.
     *
     * @return the number of bytes written
     */
    int encode(int request, long roundMillis, byte[] out);

    /** Adds the protocol's headers (content type, encoding, version) to a request. */
    HttpRequest.Builder headers(HttpRequest.Builder request);
}
