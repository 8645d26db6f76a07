package io.sightline.sample.load;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What one {@link OtlpSpanLoad} run does: the flags it shares with {@link OtlpLogLoad} (a
 * {@link LoadConfig} whose records are spans: {@code recordsPerSecond} is spans/s, {@code batch}
 * spans a request; {@code services} and the backfill's log-only fields are unused), the wire
 * format, and where to write the trace ids sent.
 *
 * @param load rate, duration, warm-up, batch, connections, seed, pool, limits, the JSON summary;
 *     its backfill's {@code span} and {@code end} spread the traces over a past span
 * @param format OTLP/HTTP protobuf to {@code endpoint/v1/traces}, or Zipkin v2 JSON to
 *     {@code endpoint/api/v2/spans}
 * @param traceIdsOutput where to write the id of every trace in an acknowledged request, one a
 *     line; empty = nowhere
 */
record SpanLoadConfig(LoadConfig load, SpanBody.Format format, Optional<Path> traceIdsOutput) {

    static final URI DEFAULT_ZIPKIN_ENDPOINT = URI.create("http://127.0.0.1:9411");

    static SpanLoadConfig defaults() {
        return new SpanLoadConfig(LoadConfig.defaults(), SpanBody.Format.OTLP, Optional.empty());
    }

    /** The URL requests are posted to. */
    URI uri() {
        return URI.create(load.endpoint() + (format == SpanBody.Format.OTLP ? "/v1/traces" : "/api/v2/spans"));
    }

    /** @throws IllegalArgumentException naming the first bad value and what is accepted */
    SpanLoadConfig validate() {
        load.validate();
        BackfillConfig b = load.backfill();
        if (b.lean() || b.timeoutPercent() != 0 || b.token().isPresent() || b.rawOutput().isPresent()) {
            throw new IllegalArgumentException("--lean, --timeout-percent, --token and --raw-out are log flags");
        }
        return this;
    }
}
