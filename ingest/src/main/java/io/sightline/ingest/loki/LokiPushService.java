package io.sightline.ingest.loki;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.airlift.compress.v3.MalformedInputException;
import io.airlift.compress.v3.snappy.SnappyDecompressor;
import io.airlift.compress.v3.snappy.SnappyJavaDecompressor;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.http.encoding.ContentEncodingContext;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.sightline.ingest.Backpressure;
import io.sightline.ingest.IngestMetrics;
import io.sightline.ingest.Overload;
import io.sightline.ingest.PlainTextAnswers;
import io.sightline.ingest.Signal;
import io.sightline.ingest.Transport;
import io.sightline.ingest.otlp.WalEntries;
import io.sightline.ingest.otlp.http.BoundedBody;
import io.sightline.ingest.otlp.http.GzipContentEncoding;
import io.sightline.ingest.prometheus.SnappyPassThrough;
import io.sightline.storage.wal.WriteAheadLog;

/**
 * Loki's push API as a Helidon {@link HttpService}: {@code POST /loki/api/v1/push} with a snappy
 * (block format) compressed protobuf {@code PushRequest} ({@code application/x-protobuf}, also when
 * no content type is given, as Loki assumes) or a JSON body ({@code application/json}), either
 * optionally gzip-compressed. Accepted entries are written to the logs WAL as one OTLP logs request
 * ({@link PushMapper}) and acknowledged only when the WAL has them. Answers, in plain text as Loki:
 * 204 when every entry was accepted; 400 when the body does not decode, or when streams or entries
 * were refused (labels, timestamps: the others are written first, as Loki's distributor does); 413
 * over {@code loki.max-request-bytes} (read, gunzipped, or as snappy declares); 415 for another
 * content type; 429 or 503 with {@code Retry-After} when overloaded or the WAL fails; 405 for other
 * methods. Register it on a listener whose encodings are {@link #contentEncoding()}. Handlers block
 * (Helidon runs each request on a virtual thread). Thread-safe.
 */
public final class LokiPushService implements HttpService {
    public static final String PATH = "/loki/api/v1/push";
    private static final Logger LOG = Logger.getLogger(LokiPushService.class.getName());
    private static final String PROTOBUF = "application/x-protobuf";
    private static final String JSON = "application/json";
    /** Longest wait for the WAL before answering 503; far above a healthy group commit. */
    private static final long APPEND_TIMEOUT_SECONDS = 30;

    private final WriteAheadLog logsWal;
    private final LokiPushConfig config;
    private final Backpressure backpressure;
    private final IngestMetrics metrics;
    private final InstantSource clock;
    private final PushMapper mapper;

    /**
     * @param logsWal      the "logs" WAL (not closed here)
     * @param clock        the receive time: observed time of every entry and the base of the age checks
     */
    public LokiPushService(WriteAheadLog logsWal, LokiPushConfig config, Backpressure backpressure,
                           IngestMetrics metrics, InstantSource clock) {
        this.logsWal = Objects.requireNonNull(logsWal, "logsWal");
        this.config = Objects.requireNonNull(config, "config");
        this.backpressure = Objects.requireNonNull(backpressure, "backpressure");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.mapper = new PushMapper(config);
    }

    /**
     * The encodings the listener must let through: gzip (decoded by Helidon, bounded by the reader)
     * and snappy (passed on, decoded here or by remote_write). Also right for remote_write's listener.
     */
    public static ContentEncodingContext contentEncoding() {
        return ContentEncodingContext.builder()
                .contentEncodingsDiscoverServices(false)
                .addContentEncoding(new SnappyPassThrough())
                .addContentEncoding(new GzipContentEncoding())
                .build();
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post(PATH, this::push);
        rules.any(PATH, (request, response) -> response.status(Status.METHOD_NOT_ALLOWED_405)
                .header(HeaderNames.ALLOW, "POST")
                .send("only POST is allowed on " + PATH));
    }

    private void push(ServerRequest request, ServerResponse response) {
        long start = System.nanoTime();
        Optional<Boolean> json = isJson(request.headers().contentType());
        if (json.isEmpty()) {
            String type = request.headers().contentType().map(HttpMediaType::text).orElse("");
            answer(response, 415, "unsupported content type " + type + ", use " + PROTOBUF + " (snappy) or " + JSON, 0, start);
            return;
        }
        OptionalLong length = request.headers().contentLength();
        if (length.isPresent() && length.getAsLong() > config.maxRequestBytes()) {
            answer(response, 413, tooLarge(length.getAsLong() + " bytes"), 0, start);
            return;
        }
        byte[] body;
        try (InputStream in = request.content().inputStream()) {
            boolean encoded = request.headers().contains(HeaderNames.CONTENT_ENCODING);
            body = BoundedBody.read(in, config.maxRequestBytes(), encoded ? -1 : length.orElse(-1));
        } catch (IOException | UncheckedIOException e) {
            String reason = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause().toString() : e.toString();
            answer(response, 400, "cannot read the request body: " + reason, 0, start);
            return;
        }
        if (body == null) {
            answer(response, 413, tooLarge("more than " + config.maxRequestBytes() + " bytes"), 0, start);
            return;
        }
        try {
            List<PushStream> streams;
            if (json.get()) {
                metrics.receivedBytes(Signal.LOGS, Transport.LOKI, body.length);
                streams = PushJsonDecoder.decode(body, body.length);
            } else {
                streams = decodeProtobuf(body);
            }
            write(mapper.map(streams, nanos(clock.instant())), response, start);
        } catch (MalformedPushException e) {
            answer(response, 400, e.getMessage(), 0, start);
        } catch (BodyTooLargeException e) {
            answer(response, 413, e.getMessage(), 0, start);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Loki push failed", e);
            answer(response, 500, "internal error: " + e, 0, start);
        }
    }

    private void write(PushMapper.Mapped mapped, ServerResponse response, long start) {
        PushRejections rejections = mapped.rejections();
        rejections.byReason().forEach((reason, n) -> metrics.rejected(Signal.LOGS, Transport.LOKI, reason, n));
        if (mapped.acceptedEntries() == 0) {
            answer(response, rejections.entries() > 0 ? 400 : 204, rejections.message(), 0, start);
            return;
        }
        Optional<Overload> overload = backpressure.check(Signal.LOGS);
        if (overload.isPresent()) {
            metrics.rejected(Signal.LOGS, Transport.LOKI, "overloaded", mapped.acceptedEntries());
            Overload o = overload.get();
            answer(response, o.kind() == Overload.Kind.LAGGING ? 429 : 503, o.message(), o.retryAfterSeconds(), start);
            return;
        }
        try {
            logsWal.append(WalEntries.otlp(mapped.request())).get(APPEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            metrics.rejected(Signal.LOGS, Transport.LOKI, "wal_error", mapped.acceptedEntries());
            answer(response, 503, walFailure(e), 0, start);
            return;
        }
        metrics.accepted(Signal.LOGS, Transport.LOKI, mapped.acceptedEntries());
        answer(response, rejections.entries() > 0 ? 400 : 204, rejections.message(), 0, start);
    }

    private List<PushStream> decodeProtobuf(byte[] compressed) {
        byte[] decompressed;
        int size;
        try {
            SnappyDecompressor snappy = new SnappyJavaDecompressor(); // Java, not native: untrusted input
            long declared = snappy.getUncompressedLength(compressed, 0);
            if (declared > config.maxRequestBytes()) {
                throw new BodyTooLargeException(tooLarge(declared + " bytes decompressed"));
            }
            decompressed = new byte[(int) declared];
            size = snappy.decompress(compressed, 0, compressed.length, decompressed, 0, decompressed.length);
        } catch (MalformedInputException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new MalformedPushException("invalid snappy (block format) body: " + e.getMessage());
        }
        metrics.receivedBytes(Signal.LOGS, Transport.LOKI, size);
        return PushProtobufDecoder.decode(decompressed, size);
    }

    /** Empty for a content type this receiver does not speak; no content type means protobuf, as in Loki. */
    private static Optional<Boolean> isJson(Optional<HttpMediaType> contentType) {
        if (contentType.isEmpty()) {
            return Optional.of(false);
        }
        String type = contentType.get().mediaType().type().toLowerCase(Locale.ROOT) + "/"
                + contentType.get().mediaType().subtype().toLowerCase(Locale.ROOT);
        return switch (type) {
            case PROTOBUF -> Optional.of(false);
            case JSON -> Optional.of(true);
            default -> Optional.empty();
        };
    }

    private String tooLarge(String size) {
        return "request body too large: " + size + ", limit: " + config.maxRequestBytes() + " bytes (loki.max-request-bytes)";
    }

    private static String walFailure(Exception e) {
        return PlainTextAnswers.walFailure("logs", APPEND_TIMEOUT_SECONDS, e);
    }

    private void answer(ServerResponse response, int status, String message, long retryAfterSeconds, long start) {
        metrics.request(Signal.LOGS, Transport.LOKI, Integer.toString(status), start);
        PlainTextAnswers.send(response, status, message, retryAfterSeconds);
    }

    private static long nanos(java.time.Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    /** The snappy body declares a decompressed size over the limit. */
    private static final class BodyTooLargeException extends RuntimeException {
        BodyTooLargeException(String message) {
            super(message, null, false, false);
        }
    }
}
