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
import io.sightline.ingest.prometheus.ByteBuilder;

/**
 * Batches logs or traces WAL entries (format {@value WalEntries#OTLP_PROTOBUF}) into one OTLP
 * {@code ExportLogsServiceRequest} / {@code ExportTraceServiceRequest} a batch.
 *
 * <p><b>Pass-through</b> ({@link ExportFilter#passesEverything()}): an entry's protobuf bytes are
 * kept as they are and a batch is their concatenation. Protobuf parses concatenated messages as one
 * merged message whose repeated fields (here {@code resource_logs} / {@code resource_spans}) are
 * appended, so the concatenation is the request holding every entry's resources, in WAL order. The
 * entry is not parsed: {@link OtlpItemScan} counts its items and checks the framing of its top three
 * levels, and its payload is copied once into the pending request body, which {@link #drain()}
 * hands out as it is (valid until the next {@code add}).
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
    /** The pending request: the entries' payloads (or their filtered remainders) one after another. */
    private final ByteBuilder body = new ByteBuilder(1 << 16);
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
    public int add(byte[] entry, int length) {
        WalEntries.checkFormat(entry, length);
        int items = passThrough ? scan(entry, length) : filtered(entry, length);
        pendingItems += items;
        return items;
    }

    @Override
    public int pendingItems() {
        return pendingItems;
    }

    @Override
    public long pendingBytes() {
        return body.size();
    }

    @Override
    public List<ExportRequest> drain() {
        if (body.size() == 0) {
            return List.of();
        }
        ExportRequest request = new ExportRequest(body.array(), body.size(), pendingItems);
        body.clear();
        pendingItems = 0;
        return List.of(request);
    }

    private int scan(byte[] entry, int length) {
        int items;
        try {
            items = OtlpItemScan.count(entry, 1, length);
        } catch (WireReader.Malformed e) {
            throw new CorruptEntryException("WAL entry does not parse as OTLP " + signal.walName()
                    + ": malformed protobuf framing");
        }
        if (items > 0) {
            body.write(entry, 1, length - 1);
        }
        return items;
    }

    private int filtered(byte[] entry, int length) {
        return signal == Signal.LOGS
                ? logs((ExportLogsServiceRequest) WalEntries.decode(signal, entry, length), entry, length)
                : traces((ExportTraceServiceRequest) WalEntries.decode(signal, entry, length), entry, length);
    }

    private int logs(ExportLogsServiceRequest request, byte[] entry, int length) {
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
        return pendFiltered(entry, length, dropped, items, kept);
    }

    private int traces(ExportTraceServiceRequest request, byte[] entry, int length) {
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
        return pendFiltered(entry, length, dropped, items, kept);
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

    private int pendFiltered(byte[] entry, int length, boolean dropped, int items, Message.Builder kept) {
        if (items == 0) {
            return 0;
        }
        if (!dropped) {
            body.write(entry, 1, length - 1);
        } else {
            byte[] bytes = kept.build().toByteArray();
            body.write(bytes, 0, bytes.length);
        }
        return items;
    }
}
