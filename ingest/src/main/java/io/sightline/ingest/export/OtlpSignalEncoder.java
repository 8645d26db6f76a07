package io.sightline.ingest.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.sightline.ingest.Signal;
import io.sightline.ingest.WireReader;
import io.sightline.ingest.otlp.CorruptEntryException;
import io.sightline.ingest.otlp.WalEntries;

/**
 * Batches logs or traces WAL entries (format {@value WalEntries#OTLP_PROTOBUF}) into one OTLP
 * {@code ExportLogsServiceRequest} / {@code ExportTraceServiceRequest} a batch.
 *
 * <p><b>Pass-through</b> ({@link ExportFilter#passesEverything()}): an entry's protobuf bytes are
 * kept as they are and a batch is their concatenation. Protobuf parses concatenated messages as one
 * merged message whose repeated fields (here {@code resource_logs} / {@code resource_spans}) are
 * appended, so the concatenation is the request holding every entry's resources, in WAL order. The
 * entry is not parsed: {@link OtlpItemScan} counts its items and checks the framing of its top three
 * levels, and {@link #drain()} copies each payload once into the request body. The encoder holds
 * on to the entry arrays until then: the caller must not reuse them.
 *
 * <p><b>Filtered</b> (any other filter): the entry is parsed; a resource whose service
 * ({@link ServiceNames}) the filter does not allow is dropped; for traces, a span whose trace is not
 * kept by the sample ratio ({@link TraceIdRatio}, OpenTelemetry's consistent probability sampling
 * from the trace id) is dropped; scopes and resources left empty are dropped. An entry that loses
 * nothing is kept as its bytes, otherwise its remainder is serialised again.
 *
 * <p>Items are log records or spans. Not thread-safe.
 */
public final class OtlpSignalEncoder implements BatchEncoder {
    private final Signal signal;
    private final ExportFilter filter;
    private final boolean passThrough;
    private final TraceIdRatio sampler;
    private final List<byte[]> chunks = new ArrayList<>();
    private final List<Integer> chunkOffsets = new ArrayList<>();
    private long pendingBytes;
    private int pendingItems;

    /** @param signal {@link Signal#LOGS} or {@link Signal#TRACES} */
    public OtlpSignalEncoder(Signal signal, ExportFilter filter) {
        if (signal != Signal.LOGS && signal != Signal.TRACES) {
            throw new IllegalArgumentException("OTLP entries of the " + signal.walName()
                    + " WAL are not forwarded by this encoder (logs and traces only)");
        }
        this.signal = signal;
        this.filter = Objects.requireNonNull(filter, "filter");
        this.passThrough = filter.passesEverything();
        this.sampler = new TraceIdRatio(filter.traceSampleRatio());
    }

    @Override
    public int add(byte[] entry) {
        checkFormat(entry);
        int items = passThrough ? scan(entry) : filtered(entry);
        pendingItems += items;
        return items;
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
        if (chunks.isEmpty()) {
            return List.of();
        }
        byte[] body = new byte[Math.toIntExact(pendingBytes)];
        int position = 0;
        for (int i = 0; i < chunks.size(); i++) {
            byte[] chunk = chunks.get(i);
            int offset = chunkOffsets.get(i);
            System.arraycopy(chunk, offset, body, position, chunk.length - offset);
            position += chunk.length - offset;
        }
        ExportRequest request = new ExportRequest(body, pendingItems);
        chunks.clear();
        chunkOffsets.clear();
        pendingBytes = 0;
        pendingItems = 0;
        return List.of(request);
    }

    private int scan(byte[] entry) {
        int items;
        try {
            items = OtlpItemScan.count(entry, 1, entry.length);
        } catch (WireReader.Malformed e) {
            throw new CorruptEntryException("WAL entry does not parse as OTLP " + signal.walName()
                    + ": malformed protobuf framing");
        }
        if (items > 0) {
            pend(entry, 1);
        }
        return items;
    }

    private int filtered(byte[] entry) {
        return signal == Signal.LOGS
                ? logs((ExportLogsServiceRequest) WalEntries.decode(signal, entry), entry)
                : traces((ExportTraceServiceRequest) WalEntries.decode(signal, entry), entry);
    }

    private int logs(ExportLogsServiceRequest request, byte[] entry) {
        ExportLogsServiceRequest.Builder kept = ExportLogsServiceRequest.newBuilder();
        int items = 0;
        boolean dropped = false;
        for (ResourceLogs resource : request.getResourceLogsList()) {
            int records = 0;
            for (ScopeLogs scope : resource.getScopeLogsList()) {
                records += scope.getLogRecordsCount();
            }
            if (records == 0 || !filter.allowsService(ServiceNames.of(resource.getResource()))) {
                dropped = true;
                continue;
            }
            kept.addResourceLogs(resource);
            items += records;
        }
        return pendFiltered(entry, dropped, items, kept);
    }

    private int traces(ExportTraceServiceRequest request, byte[] entry) {
        ExportTraceServiceRequest.Builder kept = ExportTraceServiceRequest.newBuilder();
        int items = 0;
        boolean dropped = false;
        for (ResourceSpans resource : request.getResourceSpansList()) {
            if (!filter.allowsService(ServiceNames.of(resource.getResource()))) {
                dropped = true;
                continue;
            }
            ResourceSpans.Builder keptResource = null;
            int spans = 0;
            for (int s = 0; s < resource.getScopeSpansCount(); s++) {
                ScopeSpans scope = resource.getScopeSpans(s);
                ScopeSpans keptScope = sampled(scope);
                if (keptScope != scope && keptResource == null) {
                    keptResource = resource.toBuilder().clearScopeSpans();
                    keptResource.addAllScopeSpans(resource.getScopeSpansList().subList(0, s));
                }
                if (keptResource != null && keptScope.getSpansCount() > 0) {
                    keptResource.addScopeSpans(keptScope);
                }
                spans += keptScope.getSpansCount();
            }
            if (spans == 0) {
                dropped = true;
                continue;
            }
            dropped |= keptResource != null;
            kept.addResourceSpans(keptResource == null ? resource : keptResource.build());
            items += spans;
        }
        return pendFiltered(entry, dropped, items, kept);
    }

    /** {@code scope} itself when every span is kept and it has some, else its kept spans (maybe none). */
    private ScopeSpans sampled(ScopeSpans scope) {
        if (sampler.threshold() == 0) {
            return scope.getSpansCount() == 0 ? ScopeSpans.getDefaultInstance() : scope;
        }
        List<Span> spans = scope.getSpansList();
        int first = 0;
        while (first < spans.size() && sampler.keeps(spans.get(first).getTraceId())) {
            first++;
        }
        if (first == spans.size() && first > 0) {
            return scope;
        }
        ScopeSpans.Builder kept = scope.toBuilder().clearSpans().addAllSpans(spans.subList(0, first));
        for (int i = first + 1; i < spans.size(); i++) {
            if (sampler.keeps(spans.get(i).getTraceId())) {
                kept.addSpans(spans.get(i));
            }
        }
        return kept.build();
    }

    private int pendFiltered(byte[] entry, boolean dropped, int items, Message.Builder kept) {
        if (items == 0) {
            return 0;
        }
        if (!dropped) {
            pend(entry, 1);
        } else {
            byte[] bytes = kept.build().toByteArray();
            pend(bytes, 0);
        }
        return items;
    }

    private void pend(byte[] bytes, int offset) {
        chunks.add(bytes);
        chunkOffsets.add(offset);
        pendingBytes += bytes.length - offset;
    }

    private void checkFormat(byte[] entry) {
        if (entry.length == 0) {
            throw new CorruptEntryException("empty WAL entry");
        }
        if (entry[0] != WalEntries.OTLP_PROTOBUF) {
            throw new CorruptEntryException("unknown WAL entry format " + (entry[0] & 0xFF) + ", expected "
                    + WalEntries.OTLP_PROTOBUF + " (OTLP protobuf)");
        }
    }
}
