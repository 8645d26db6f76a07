package io.sightline.ui.services;

/**
 * One caller → callee edge of the service graph over a range, from Tempo's service graph metrics.
 *
 * @param client     the calling service
 * @param server     the called service
 * @param requests   requests over the range
 * @param failed     of which failed
 * @param p95Seconds the server side's p95 latency, NaN when unknown
 * @param seconds    the range's length, for rates
 */
record Edge(String client, String server, double requests, double failed, double p95Seconds, long seconds) {
    double rate() {
        return requests / seconds;
    }

    double errorRatio() {
        return requests > 0 ? failed / requests : Double.NaN;
    }

    Health health() {
        return Health.of(requests, errorRatio(), p95Seconds);
    }
}
