package io.sightline.ingest.prometheus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import io.airlift.compress.v3.MalformedInputException;
import io.airlift.compress.v3.snappy.SnappyDecompressor;
import io.airlift.compress.v3.snappy.SnappyJavaDecompressor;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.sightline.ingest.Backpressure;
import io.sightline.ingest.IngestLimits;
import io.sightline.ingest.IngestMetrics;
import io.sightline.ingest.Overload;
import io.sightline.ingest.PlainTextAnswers;
import io.sightline.ingest.Signal;
import io.sightline.ingest.Transport;

/**
 * The Prometheus remote_write 1.0 receiver as a Helidon {@link HttpService}: {@code POST
 * /api/v1/write} with a snappy (block format) compressed protobuf {@code WriteRequest}. Answers
 * 204 when every sample was accepted (or was an ignored duplicate); 400 with a text body naming the
 * series and time when some were rejected (the rest are stored, as Prometheus's own receiver does)
 * or when the body is not snappy or not a WriteRequest; 413 over {@code ingest.max-request-bytes}
 * (compressed or decompressed); 415 for another content type or encoding (remote_write 2.0
 * included); 429 or 503 with {@code Retry-After} when overloaded or the WAL is unavailable.
 *
 * <p>Register it on a listener whose content-encoding context lets snappy through, e.g.
 * {@link SnappyPassThrough#context()}, or Helidon answers 400 itself:
 * <pre>{@code
 * routing.register(new RemoteWriteService(sampleWriter, limits, backpressure, metrics))
 * }</pre>
 * Handlers block (Helidon runs each request on a virtual thread). Thread-safe.
 */
public final class RemoteWriteService implements HttpService {
    public static final String PATH = "/api/v1/write";
    private static final String PROTOBUF = "application/x-protobuf";
    /** Longest wait for the WAL before answering 503; far above a healthy group commit. */
    private static final long APPEND_TIMEOUT_SECONDS = 30;
    /** Scratch sets kept for reuse; beyond this many concurrent requests new ones are made and dropped. */
    private static final int POOLED_SCRATCH = 16;

    private final SampleWriter writer;
    private final IngestLimits limits;
    private final Backpressure backpressure;
    private final IngestMetrics metrics;
    private final ConcurrentLinkedQueue<Scratch> scratch = new ConcurrentLinkedQueue<>();

    public RemoteWriteService(SampleWriter writer, IngestLimits limits, Backpressure backpressure,
                              IngestMetrics metrics) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.backpressure = Objects.requireNonNull(backpressure, "backpressure");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post(PATH, this::write);
        rules.any(PATH, (request, response) -> response.status(Status.METHOD_NOT_ALLOWED_405)
                .header(HeaderNames.ALLOW, "POST")
                .send("only POST is allowed on " + PATH));
    }

    private void write(ServerRequest request, ServerResponse response) {
        long start = System.nanoTime();
        Optional<String> unsupported = unsupported(request);
        if (unsupported.isPresent()) {
            answer(response, 415, unsupported.get(), 0, start);
            return;
        }
        OptionalLong length = request.headers().contentLength();
        if (length.isPresent() && length.getAsLong() > limits.maxRequestBytes()) {
            answer(response, 413, tooLarge(length.getAsLong() + " bytes"), 0, start);
            return;
        }
        byte[] compressed;
        try (InputStream in = request.content().inputStream()) {
            compressed = in.readNBytes(limits.maxRequestBytes());
            if (compressed.length == limits.maxRequestBytes() && in.read() >= 0) {
                answer(response, 413, tooLarge("more than " + limits.maxRequestBytes() + " bytes"), 0, start);
                return;
            }
        } catch (IOException | UncheckedIOException e) {
            answer(response, 400, "cannot read the request body: " + e, 0, start);
            return;
        }
        Scratch work = Objects.requireNonNullElseGet(scratch.poll(), Scratch::new);
        try {
            handle(compressed, work, response, start);
        } finally {
            if (scratch.size() < POOLED_SCRATCH) {
                scratch.offer(work);
            }
        }
    }

    private void handle(byte[] compressed, Scratch work, ServerResponse response, long start) {
        int size;
        try {
            long declared = work.snappy.getUncompressedLength(compressed, 0);
            if (declared > limits.maxRequestBytes()) {
                answer(response, 413, tooLarge(declared + " bytes decompressed"), 0, start);
                return;
            }
            byte[] buffer = work.decompressed((int) declared);
            size = work.snappy.decompress(compressed, 0, compressed.length, buffer, 0, buffer.length);
        } catch (MalformedInputException | IllegalArgumentException | IndexOutOfBoundsException e) {
            answer(response, 400, "invalid snappy (block format) body: " + e.getMessage(), 0, start);
            return;
        }
        metrics.receivedBytes(Signal.METRICS, Transport.REMOTE_WRITE, size);
        SampleRejections rejections = work.rejections;
        rejections.clear();
        try {
            work.decoder.decode(work.decompressed, size, work.batch, rejections);
        } catch (MalformedRequestException e) {
            answer(response, 400, e.getMessage(), 0, start);
            return;
        }
        if (work.batch.seriesCount() > 0 || !work.batch.metadata().isEmpty()) {
            Optional<Overload> overload = backpressure.check(Signal.METRICS);
            if (overload.isPresent()) {
                Overload o = overload.get();
                countRejections(rejections);
                metrics.rejected(Signal.METRICS, Transport.REMOTE_WRITE, "overloaded", work.batch.sampleCount());
                answer(response, o.kind() == Overload.Kind.LAGGING ? 429 : 503, o.message(), o.retryAfterSeconds(),
                        start);
                return;
            }
        }
        SampleWriter.Written written = writer.write(work.batch, rejections);
        countRejections(rejections);
        try {
            written.walIndex().get(APPEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            metrics.rejected(Signal.METRICS, Transport.REMOTE_WRITE, "wal_error", written.acceptedSamples());
            answer(response, 503, walFailure(e), 0, start);
            return;
        }
        metrics.accepted(Signal.METRICS, Transport.REMOTE_WRITE, written.acceptedSamples());
        if (rejections.samples() > 0) {
            answer(response, 400, rejections.message(), 0, start);
        } else {
            answer(response, 204, "", 0, start);
        }
    }

    private void countRejections(SampleRejections rejections) {
        rejections.byReason().forEach((reason, n) -> metrics.rejected(Signal.METRICS, Transport.REMOTE_WRITE, reason, n));
    }

    private static Optional<String> unsupported(ServerRequest request) {
        Optional<HttpMediaType> type = request.headers().contentType();
        if (type.isEmpty()) {
            return Optional.of("no content type, use " + PROTOBUF);
        }
        String mediaType = type.get().mediaType().type().toLowerCase(Locale.ROOT) + "/"
                + type.get().mediaType().subtype().toLowerCase(Locale.ROOT);
        String proto = type.get().parameters().getOrDefault("proto", "prometheus.WriteRequest");
        if (!mediaType.equals(PROTOBUF) || !proto.equals("prometheus.WriteRequest")) {
            return Optional.of("unsupported content type " + type.get().text() + ": this receiver speaks remote_write 1.0, "
                    + PROTOBUF + " (proto=prometheus.WriteRequest)");
        }
        Optional<String> encoding = request.headers().first(HeaderNames.CONTENT_ENCODING);
        if (encoding.isPresent() && !encoding.get().trim().equalsIgnoreCase("snappy")) {
            return Optional.of("unsupported content encoding " + encoding.get() + ", use snappy");
        }
        return Optional.empty();
    }

    private String tooLarge(String size) {
        return "request body of " + size + " is over the limit of " + limits.maxRequestBytes()
                + " bytes (ingest.max-request-bytes)";
    }

    private static String walFailure(Exception e) {
        return PlainTextAnswers.walFailure("metrics", APPEND_TIMEOUT_SECONDS, e);
    }

    private void answer(ServerResponse response, int status, String message, long retryAfterSeconds, long start) {
        metrics.request(Signal.METRICS, Transport.REMOTE_WRITE, Integer.toString(status), start);
        PlainTextAnswers.send(response, status, message, retryAfterSeconds);
    }

    /** Per-request working memory, pooled: decompressed body, decoded batch, rejections. */
    private static final class Scratch {
        /** Java snappy, not native: the body is untrusted input. */
        final SnappyDecompressor snappy = new SnappyJavaDecompressor();
        final RemoteWriteDecoder decoder = new RemoteWriteDecoder();
        final SampleBatch batch = new SampleBatch();
        final SampleRejections rejections = new SampleRejections();
        byte[] decompressed = new byte[64 * 1024];

        byte[] decompressed(int size) {
            if (decompressed.length < size) {
                decompressed = new byte[Math.max(size, decompressed.length * 2)];
            }
            return decompressed;
        }
    }
}
