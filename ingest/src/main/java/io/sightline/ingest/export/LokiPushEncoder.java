package io.sightline.ingest.export;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.sightline.ingest.Signal;
import io.sightline.ingest.otlp.LineTruncation;
import io.sightline.ingest.otlp.OtlpLogMapper;
import io.sightline.ingest.otlp.WalEntries;
import io.sightline.storage.logs.LogRecord;
import io.sightline.storage.logs.LogStreams;
import io.sightline.storage.logs.LogStructuredMetadata;
import io.sightline.storage.tsdb.Labels;

/**
 * Turns logs WAL entries (OTLP logs, format {@value WalEntries#OTLP_PROTOBUF}) into one Loki
 * {@code logproto.PushRequest} a batch, so a record reads in a Loki as it reads in Sightline's own
 * Loki API:
 * <ul>
 *   <li>stream labels: the store's own rule, {@link LogStreams#labels(LogRecord)} (sanitised
 *       resource attributes, {@code service_name}, {@code job}, {@code level},
 *       {@code severity_text}), written as {@code {a="b", c="d"}} ({@link LokiLabelsText});</li>
 *   <li>line: the body as text (a structured body as its JSON, as the store keeps it), cut at
 *       {@code maxLineBytes} UTF-8 bytes as the store cuts it ({@link LineTruncation});</li>
 *   <li>timestamp: {@code time_unix_nano}, or the observed time when that is 0;</li>
 *   <li>structured metadata: what Sightline's Loki API shows ({@code LogStructuredMetadata}:
 *       attributes, {@code trace_id}, {@code span_id}, scope, severity number, ...).</li>
 * </ul>
 * Records of one label set form one stream (streams in the order first seen); within a stream the
 * entries are sorted by time, and records of equal time keep their WAL order. Resources whose
 * service the filter does not allow are left out ({@link ServiceNames}); the trace sample ratio does
 * not apply to logs. Items are log records. Not thread-safe.
 */
public final class LokiPushEncoder implements BatchEncoder {
    /** Protobuf framing and timestamp bytes an entry costs beyond its strings, roughly. */
    private static final int ENTRY_OVERHEAD_BYTES = 24;
    private static final byte[][] NO_METADATA = new byte[0][];

    private final ExportFilter filter;
    private final LineTruncation truncation;
    private final Map<Labels, PendingStream> streams = new LinkedHashMap<>();
    private long pendingBytes;
    private int pendingItems;

    /** Lines cut at {@link LineTruncation#DEFAULT_MAX_BYTES} (Loki's own {@code max_line_size} is 256 KB). */
    public LokiPushEncoder(ExportFilter filter) {
        this(filter, LineTruncation.DEFAULT_MAX_BYTES);
    }

    /** @param maxLineBytes longest line sent, UTF-8 bytes, > 0 (the store's {@code logs.max-line-bytes}) */
    public LokiPushEncoder(ExportFilter filter, int maxLineBytes) {
        this.filter = Objects.requireNonNull(filter, "filter");
        this.truncation = new LineTruncation(maxLineBytes, removed -> { });
    }

    @Override
    public int add(byte[] entry, int length) {
        ExportLogsServiceRequest request = allowed((ExportLogsServiceRequest) WalEntries.decode(Signal.LOGS, entry, length));
        List<LogRecord> records = OtlpLogMapper.map(request, truncation);
        Map<StreamKey, PendingStream> byKey = new HashMap<>();
        for (LogRecord record : records) {
            StreamKey key = new StreamKey(record.resource(), record.serviceName(), record.severityNumber(),
                    record.severityText());
            PendingStream stream = byKey.computeIfAbsent(key, k -> streams.computeIfAbsent(LogStreams.labels(record),
                    this::newStream));
            PushRequestWriter.Entry pushed = entry(record);
            stream.entries.add(pushed);
            pendingBytes += ENTRY_OVERHEAD_BYTES + pushed.line().length + bytes(pushed.metadata());
        }
        pendingItems += records.size();
        return records.size();
    }

    @Override
    public int pendingItems() {
        return pendingItems;
    }

    @Override
    public long pendingBytes() {
        return pendingBytes;
    }

    @Override
    public List<ExportRequest> drain() {
        if (streams.isEmpty()) {
            return List.of();
        }
        List<PushRequestWriter.Stream> out = new ArrayList<>(streams.size());
        for (PendingStream stream : streams.values()) {
            stream.entries.sort(Comparator.comparingLong(PushRequestWriter.Entry::timeNanos));
            out.add(new PushRequestWriter.Stream(stream.labels, stream.entries));
        }
        ExportRequest request = new ExportRequest(PushRequestWriter.write(out), pendingItems);
        streams.clear();
        pendingBytes = 0;
        pendingItems = 0;
        return List.of(request);
    }

    /** {@code request} without the resources the filter refuses (itself when it refuses none). */
    private ExportLogsServiceRequest allowed(ExportLogsServiceRequest request) {
        if (filter.services().isEmpty() && filter.excludedServices().isEmpty()) {
            return request;
        }
        ExportLogsServiceRequest.Builder kept = ExportLogsServiceRequest.newBuilder();
        for (ResourceLogs resource : request.getResourceLogsList()) {
            if (filter.allowsService(ServiceNames.of(resource.getResource()))) {
                kept.addResourceLogs(resource);
            }
        }
        return kept.getResourceLogsCount() == request.getResourceLogsCount() ? request : kept.build();
    }

    private PendingStream newStream(Labels labels) {
        byte[] text = LokiLabelsText.of(labels).getBytes(StandardCharsets.UTF_8);
        pendingBytes += text.length + ENTRY_OVERHEAD_BYTES;
        return new PendingStream(text, new ArrayList<>());
    }

    private static PushRequestWriter.Entry entry(LogRecord record) {
        Map<String, String> metadata = new TreeMap<>();
        LogStructuredMetadata.forEach(record, metadata::put);
        metadata.values().removeIf(String::isEmpty);
        byte[][] pairs = metadata.isEmpty() ? NO_METADATA : new byte[2 * metadata.size()][];
        int i = 0;
        for (Map.Entry<String, String> pair : metadata.entrySet()) {
            pairs[i++] = pair.getKey().getBytes(StandardCharsets.UTF_8);
            pairs[i++] = pair.getValue().getBytes(StandardCharsets.UTF_8);
        }
        return new PushRequestWriter.Entry(record.effectiveTimeNanos(), record.body().getBytes(StandardCharsets.UTF_8),
                pairs);
    }

    private static long bytes(byte[][] metadata) {
        long bytes = 0;
        for (byte[] text : metadata) {
            bytes += text.length + 2;
        }
        return bytes;
    }

    /** What a stream's labels derive from (records of one resource share the map), to compute them once an entry. */
    private record StreamKey(Map<String, Object> resource, String serviceName, int severityNumber, String severityText) {
    }

    private record PendingStream(byte[] labels, List<PushRequestWriter.Entry> entries) {
    }
}
