package io.sightline.storage.traces;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.sightline.storage.ManualClock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-thread cost of the trace store's write path, in spans per second, on {@link RealisticSpans}
 * (~15 attributes a span, batches of 512 spans from one service as OTel SDKs export them):
 * {@code encodeSpans} is what {@link LuceneTraceStore#append} does on the applier thread (trace parts,
 * index terms, catalogue); {@code buildDocuments} adds turning the parts into Lucene documents;
 * {@code appendAndWrite} is the whole store on one thread: append, and every 60,000 spans (a second at
 * the target rate) the write of the buffer into the index by the same thread (Lucene flushes included;
 * merges, which run at background priority on their own threads, and commits not). Run with
 * {@code bin/bench jmh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx1g"})
public class TraceAppendBenchmark {
    private static final int BATCHES = 256;
    private static final int WRITE_EVERY = 60_000;

    @Param({"false", "true"})
    public boolean bestCompression;

    private List<List<SpanRecord>> batches;
    private int next;
    private long walIndex;
    private Path directory;
    private LuceneTraceStore store;
    private TraceSpanBuffer buffer;
    private TraceCatalogue catalogue;
    private TraceResources resources;
    private int buffered;
    private final TraceStoreConfig defaults = TraceStoreConfig.defaults(Path.of("unused"));

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        long day = Spans.nanos(Instant.parse("2026-11-29T00:00:00Z"));
        RealisticSpans generator = new RealisticSpans(42, day, 20_000_000);
        batches = new ArrayList<>();
        generator.sink(batches::add);
        while (batches.size() < BATCHES) {
            generator.nextTrace();
        }
        directory = Files.createTempDirectory("trace-append-bench");
        TraceStoreConfig config = new TraceStoreConfig(directory, Duration.ofDays(1), Duration.ofDays(1),
                defaults.ramBufferMb(), WRITE_EVERY, Duration.ofDays(3650), 0, defaults.indexedSpanAttributes(),
                defaults.indexedResourceAttributes(), defaults.catalogue(), defaults.searchMaxPartsRead(),
                defaults.searchMaxDuration(), bestCompression);
        store = LuceneTraceStore.open(config, new ManualClock(Instant.parse("2026-11-30T00:00:00Z")));
        buffer = new TraceSpanBuffer(-1);
        catalogue = new TraceCatalogue(defaults.catalogue());
        resources = new TraceResources(defaults.indexedResourceAttributes());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        store.abandon();
        try (var files = Files.walk(directory)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(RealisticSpans.BATCH)
    public int encodeSpans() {
        return encode(false);
    }

    @Benchmark
    @OperationsPerInvocation(RealisticSpans.BATCH)
    public int buildDocuments() {
        return encode(true);
    }

    @Benchmark
    @OperationsPerInvocation(RealisticSpans.BATCH)
    public long appendAndWrite() {
        store.append(++walIndex, nextBatch());
        return store.spansWritten();
    }

    /** The append path without the store around it: parts, terms, catalogue; optionally the documents. */
    private int encode(boolean documents) {
        List<SpanRecord> batch = nextBatch();
        java.time.LocalDate day = java.time.LocalDate.of(2026, 11, 29);
        Map<Map<String, Object>, ResourceId> ids = new java.util.IdentityHashMap<>();
        Map<String, Object> last = null;
        ResourceId id = null;
        List<String> terms = List.of();
        synchronized (buffer) {
            for (SpanRecord span : batch) {
                if (span.resource() != last) { // as the store: once per run of spans of one resource
                    last = span.resource();
                    id = ids.computeIfAbsent(last, ResourceId::of);
                    terms = resources.register(id, last, catalogue);
                }
                catalogue.noteSpan(span);
                buffer.add(day, span, id, terms, defaults.indexedSpanAttributes());
            }
        }
        buffered += batch.size();
        int made = 0;
        if (buffered >= WRITE_EVERY) {
            buffered = 0;
            for (Map<String, TracePartBuilder> parts : buffer.take().parts().values()) {
                for (TracePartBuilder part : parts.values()) {
                    made += documents ? part.document().getFields().size() : part.spanCount();
                }
            }
        }
        return made;
    }

    private List<SpanRecord> nextBatch() {
        return batches.get(next++ % BATCHES);
    }
}
