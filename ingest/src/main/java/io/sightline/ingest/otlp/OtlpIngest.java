package io.sightline.ingest.otlp;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.rpc.RetryInfo;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.sightline.ingest.Backpressure;
import io.sightline.ingest.IngestLimits;
import io.sightline.ingest.IngestMetrics;
import io.sightline.ingest.Overload;
import io.sightline.ingest.Signal;
import io.sightline.ingest.Transport;
import io.sightline.ingest.prometheus.AdmissionConfig;
import io.sightline.ingest.prometheus.SampleBatch;
import io.sightline.ingest.prometheus.SampleRejections;
import io.sightline.ingest.prometheus.SampleWriter;
import io.sightline.storage.wal.WalClosedException;
import io.sightline.storage.wal.WriteAheadLog;

/**
 * The ingest path both OTLP transports share: decode, validate, check backpressure, append the
 * accepted part to the signal's WAL, and answer once the WAL has it (see {@link WalEntries} for the
 * entry format). Every answer, including a transport's own refusals, is counted here.
 * Thread-safe; the transports call it from many threads.
 */
public final class OtlpIngest {
    private static final Logger LOG = Logger.getLogger(OtlpIngest.class.getName());
    /** Longest wait for the WAL before answering UNAVAILABLE; far above a healthy group commit (ms). */
    private static final long APPEND_TIMEOUT_SECONDS = 30;

    private final Map<Signal, WriteAheadLog> wals;
    private final IngestLimits limits;
    private final Backpressure backpressure;
    private final IngestMetrics metrics;
    private final OtlpValidator validator;
    private final OtlpMetricsMapper metricsMapper;
    private final SampleWriter sampleWriter;

    /**
     * With default metric mapping and admission ({@link OtlpMetricsConfig#defaults()},
     * {@link AdmissionConfig#defaults()}) and a sample writer of its own on the metrics WAL: for
     * tests and for appliances without remote_write. Use the other constructor to share the writer.
     */
    public OtlpIngest(Map<Signal, WriteAheadLog> wals, IngestLimits limits, Backpressure backpressure,
                      IngestMetrics metrics) {
        this(wals, limits, backpressure, metrics, new OtlpMetricsMapper(OtlpMetricsConfig.defaults(),
                        java.time.InstantSource.system()),
                new SampleWriter(wals.get(Signal.METRICS), AdmissionConfig.defaults(), java.time.InstantSource.system()));
    }

    /**
     * @param wals          the WAL of each signal (all three: "logs", "metrics", "traces"); not closed here
     * @param limits        request and attribute bounds
     * @param backpressure  asked before every append
     * @param metrics       where requests and items are counted
     * @param metricsMapper OTLP metrics → Prometheus series (holds delta running totals)
     * @param sampleWriter  admission and the metrics WAL, shared with the remote_write receiver
     */
    public OtlpIngest(Map<Signal, WriteAheadLog> wals, IngestLimits limits, Backpressure backpressure,
                      IngestMetrics metrics, OtlpMetricsMapper metricsMapper, SampleWriter sampleWriter) {
        this.metricsMapper = Objects.requireNonNull(metricsMapper, "metricsMapper");
        this.sampleWriter = Objects.requireNonNull(sampleWriter, "sampleWriter");
        this.wals = new EnumMap<>(wals);
        for (Signal signal : Signal.values()) {
            if (!this.wals.containsKey(signal)) {
                throw new IllegalArgumentException("no WAL for " + signal.walName());
            }
        }
        this.limits = Objects.requireNonNull(limits, "limits");
        this.backpressure = Objects.requireNonNull(backpressure, "backpressure");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.validator = new OtlpValidator(limits);
    }

    public IngestLimits limits() {
        return limits;
    }

    /**
     * Ingests one request body ({@link Transport#HTTP_JSON}: OTLP/JSON, otherwise protobuf; already
     * decompressed and within {@link IngestLimits#maxRequestBytes()}). Decoding and validation run on
     * the calling thread; the future completes when the WAL has the entry, never exceptionally.
     *
     * @param startNanos {@link System#nanoTime()} when the transport began handling the request
     */
    public CompletableFuture<IngestResult> ingest(Signal signal, Transport transport, byte[] body, long startNanos) {
        metrics.receivedBytes(signal, transport, body.length);
        try {
            Validated validated = validated(signal, transport, body);
            Rejections rejections = validated.rejections();
            rejections.byReason().forEach((reason, n) -> metrics.rejected(signal, transport, reason, n));
            if (validated.items() > 0 && validated.acceptedItems() == 0) {
                return CompletableFuture.completedFuture(
                        refuse(signal, transport, IngestStatus.INVALID, rejections.message(), startNanos));
            }
            if (validated.items() == 0) {
                return CompletableFuture.completedFuture(accepted(signal, transport, validated, startNanos));
            }
            Optional<Overload> overload = backpressure.check(signal);
            if (overload.isPresent()) {
                metrics.rejected(signal, transport, "overloaded", validated.acceptedItems());
                return CompletableFuture.completedFuture(overloaded(signal, transport, overload.get(), startNanos));
            }
            if (signal == Signal.METRICS) {
                return metricsToWal(transport, validated, startNanos);
            }
            byte[] entry = rejections.count() == 0 && transport != Transport.HTTP_JSON
                    ? WalEntries.otlp(body)
                    : WalEntries.otlp(validated.accepted());
            return wals.get(signal).append(entry)
                    .orTimeout(APPEND_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .handle((index, failure) -> failure == null
                            ? accepted(signal, transport, validated, startNanos)
                            : walFailed(signal, transport, validated, failure, startNanos));
        } catch (InvalidRequestException e) {
            return CompletableFuture.completedFuture(
                    refuse(signal, transport, IngestStatus.INVALID, e.getMessage(), startNanos));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "ingest of " + signal.walName() + " over " + transport.label() + " failed", e);
            return CompletableFuture.completedFuture(
                    refuse(signal, transport, IngestStatus.INTERNAL, "internal error: " + e, startNanos));
        }
    }

    /**
     * Metrics are mapped to Prometheus samples before they are acknowledged, so admission can reject
     * out-of-order samples in the answer (OTLP partial success) rather than lose them in the store.
     */
    private CompletableFuture<IngestResult> metricsToWal(Transport transport, Validated validated, long startNanos) {
        SampleBatch batch = new SampleBatch();
        SampleRejections samples = new SampleRejections();
        mapMetrics(validated, metricsMapper, batch, samples);
        SampleWriter.Written written = sampleWriter.write(batch, samples);
        samples.itemsByReason().forEach((reason, n) -> metrics.rejected(Signal.METRICS, transport, reason, n));
        long points = validated.acceptedItems();
        long admitted = points - samples.items().cardinality();
        long rejected = validated.rejections().count() + samples.items().cardinality();
        String first = validated.rejections().message();
        String message = first.isEmpty() ? samples.message()
                : samples.message().isEmpty() ? first : first + "; " + samples.message();
        if (admitted == 0) {
            return CompletableFuture.completedFuture(
                    refuse(Signal.METRICS, transport, IngestStatus.INVALID, message, startNanos));
        }
        return written.walIndex()
                .orTimeout(APPEND_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .handle((index, failure) -> failure == null
                        ? accepted(Signal.METRICS, transport, admitted, rejected, message, startNanos)
                        : walFailed(Signal.METRICS, transport, validated, failure, startNanos));
    }

    /**
     * Answers a request the transport refuses itself (unsupported media type, too large, bad
     * compression) and counts it.
     */
    public IngestResult refuse(Signal signal, Transport transport, IngestStatus status, String message,
                               long startNanos) {
        com.google.rpc.Status body = com.google.rpc.Status.newBuilder()
                .setCode(status.grpcCode().getNumber())
                .setMessage(message)
                .build();
        return answered(signal, transport, new IngestResult(status, body, message, 0), startNanos);
    }

    /** The fast wire check for protobuf logs and metrics when it can decide, else the full parse and validation. */
    private Validated validated(Signal signal, Transport transport, byte[] body) {
        if (signal == Signal.LOGS && transport != Transport.HTTP_JSON) {
            long records = LogsWireCheck.validRecords(body, limits);
            if (records != LogsWireCheck.UNDECIDED) {
                // All valid: the original bytes go to the WAL, so no parsed message is needed.
                return new Validated(ExportLogsServiceRequest.getDefaultInstance(), records, new Rejections(Signal.LOGS));
            }
        }
        if (signal == Signal.METRICS && transport != Transport.HTTP_JSON) {
            return validatedMetrics(body, limits, validator);
        }
        return validator(signal, decode(signal, transport, body));
    }

    /**
     * A protobuf metrics body: checked on the wire ({@link MetricsWireCheck}) and then mapped from its
     * bytes when all of it is valid, else parsed and validated (which words the problems); both give
     * the same batch. Package-private for the benchmarks of the metrics path.
     */
    static Validated validatedMetrics(byte[] body, IngestLimits limits, OtlpValidator validator) {
        long points = MetricsWireCheck.validPoints(body, limits);
        if (points != MetricsWireCheck.UNDECIDED) {
            return new Validated(ExportMetricsServiceRequest.getDefaultInstance(), points,
                    new Rejections(Signal.METRICS), body);
        }
        return validator.metrics((ExportMetricsServiceRequest) decode(Signal.METRICS, Transport.HTTP_PROTOBUF, body));
    }

    /** Maps a validated metrics request into {@code batch}: from its bytes or from its accepted message. */
    static void mapMetrics(Validated validated, OtlpMetricsMapper mapper, SampleBatch batch,
                           SampleRejections samples) {
        if (validated.wire() != null) {
            mapper.mapWire(validated.wire(), batch, samples);
        } else {
            mapper.map((ExportMetricsServiceRequest) validated.accepted(), batch, samples);
        }
    }

    /** Parses a request body of the signal; package-private for the benchmarks of the metrics path. */
    static Message decode(Signal signal, Transport transport, byte[] body) {
        Message.Builder builder = switch (signal) {
            case LOGS -> ExportLogsServiceRequest.newBuilder();
            case METRICS -> ExportMetricsServiceRequest.newBuilder();
            case TRACES -> ExportTraceServiceRequest.newBuilder();
        };
        if (transport == Transport.HTTP_JSON) {
            OtlpJson.merge(body, builder);
            return builder.build();
        }
        try {
            return builder.mergeFrom(body).build();
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidRequestException("invalid protobuf " + builder.getDescriptorForType().getName() + ": "
                    + e.getMessage(), e);
        }
    }

    private Validated validator(Signal signal, Message request) {
        return switch (signal) {
            case LOGS -> validator.logs((ExportLogsServiceRequest) request);
            case METRICS -> validator.metrics((ExportMetricsServiceRequest) request);
            case TRACES -> validator.traces((ExportTraceServiceRequest) request);
        };
    }

    private IngestResult accepted(Signal signal, Transport transport, Validated validated, long startNanos) {
        return accepted(signal, transport, validated.acceptedItems(), validated.rejections().count(),
                validated.rejections().message(), startNanos);
    }

    private IngestResult accepted(Signal signal, Transport transport, long acceptedItems, long rejected,
                                  String message, long startNanos) {
        metrics.accepted(signal, transport, acceptedItems);
        Message response = switch (signal) {
            case LOGS -> rejected == 0 ? ExportLogsServiceResponse.getDefaultInstance()
                    : ExportLogsServiceResponse.newBuilder().setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
                            .setRejectedLogRecords(rejected).setErrorMessage(message)).build();
            case METRICS -> rejected == 0 ? ExportMetricsServiceResponse.getDefaultInstance()
                    : ExportMetricsServiceResponse.newBuilder().setPartialSuccess(ExportMetricsPartialSuccess
                            .newBuilder().setRejectedDataPoints(rejected).setErrorMessage(message)).build();
            case TRACES -> rejected == 0 ? ExportTraceServiceResponse.getDefaultInstance()
                    : ExportTraceServiceResponse.newBuilder().setPartialSuccess(ExportTracePartialSuccess.newBuilder()
                            .setRejectedSpans(rejected).setErrorMessage(message)).build();
        };
        return answered(signal, transport, new IngestResult(IngestStatus.OK, response, message, 0), startNanos);
    }

    private IngestResult overloaded(Signal signal, Transport transport, Overload overload, long startNanos) {
        IngestStatus status = overload.kind() == Overload.Kind.LAGGING ? IngestStatus.OVERLOADED
                : IngestStatus.UNAVAILABLE;
        long seconds = overload.retryAfterSeconds();
        com.google.rpc.Status body = com.google.rpc.Status.newBuilder()
                .setCode(status.grpcCode().getNumber())
                .setMessage(overload.message())
                .addDetails(Any.pack(RetryInfo.newBuilder()
                        .setRetryDelay(Duration.newBuilder().setSeconds(seconds)).build()))
                .build();
        return answered(signal, transport, new IngestResult(status, body, overload.message(), seconds), startNanos);
    }

    private IngestResult walFailed(Signal signal, Transport transport, Validated validated, Throwable failure,
                                   long startNanos) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        metrics.rejected(signal, transport, "wal_error", validated.acceptedItems());
        String message;
        if (cause instanceof WalClosedException) {
            message = "the " + signal.walName() + " WAL is closed (shutting down)";
        } else if (cause instanceof TimeoutException) {
            message = "the " + signal.walName() + " WAL did not confirm the write within "
                    + APPEND_TIMEOUT_SECONDS + " s";
        } else {
            LOG.log(Level.SEVERE, "append to the " + signal.walName() + " WAL failed", cause);
            message = "the " + signal.walName() + " WAL failed: " + cause;
        }
        return refuse(signal, transport, IngestStatus.UNAVAILABLE, message, startNanos);
    }

    private IngestResult answered(Signal signal, Transport transport, IngestResult result, long startNanos) {
        String code = transport == Transport.GRPC ? result.status().grpcCode().name()
                : Integer.toString(result.status().httpStatus());
        metrics.request(signal, transport, code, startNanos);
        return result;
    }
}
