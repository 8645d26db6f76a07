package io.sightline.storage.logs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.store.FSDirectory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-thread cost of the log index's hot loop, in records per second, on records shaped like the
 * load generator's (an HTTP access-log body of ~200 bytes, 10 attributes, 5 resource attributes,
 * trace ids on most): {@code encodeRecord} is the stored-field codec alone, {@code buildDocuments}
 * adds the field schema, {@code indexDocuments} adds Lucene's indexing into a real directory with
 * the store's writer settings (flushes included, merges and commits not). Compare
 * {@code indexDocuments} with the end-to-end rate of {@code bin/bench sustained} to see what the
 * pipeline around Lucene costs. Run with {@code bin/bench jmh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class LogIndexingBenchmark {
    private static final int BATCH = 500;
    private static final String[] ROUTES = {"/api/v1/orders/{id}", "/api/v1/payments/{id}/authorize", "/api/v1/cart",
            "/api/v1/inventory/{sku}", "/healthz"};
    private static final String[] REGIONS = {"eu-central-1", "us-east-1", "ap-southeast-1"};

    private List<List<LogRecord>> batches;
    private final List<Integer> positions = java.util.stream.IntStream.range(0, BATCH).boxed().toList();
    private final LogStreamCatalogue streams = new LogStreamCatalogue(new LogResources());
    private int next;
    private Path directory;
    private IndexWriter writer;
    private long walIndex;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        List<Map<String, Object>> resourceMaps = new ArrayList<>();
        for (int r = 0; r < 20; r++) {
            resourceMaps.add(resource(random));
        }
        batches = new ArrayList<>();
        for (int b = 0; b < 16; b++) {
            List<LogRecord> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                // As OTLP sends them: the records of one request share their resource.
                batch.add(record(random, resourceMaps.get(b % resourceMaps.size())));
            }
            batches.add(batch);
        }
        directory = Files.createTempDirectory("log-indexing-bench");
        writer = new IndexWriter(FSDirectory.open(directory), LogPartition.writerConfig(128));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        writer.rollback();
        try (var files = Files.walk(directory)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long encodeRecord() {
        long bytes = 0;
        for (LogRecord record : nextBatch()) {
            bytes += LogRecordCodec.encode(record).length;
        }
        return bytes;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<Document> buildDocuments() {
        return documents(nextBatch());
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long indexDocuments() throws IOException {
        return writer.addDocuments(documents(nextBatch()));
    }

    private List<Document> documents(List<LogRecord> batch) {
        return LuceneLogStore.documents(walIndex++, batch, positions, streams, LogPartition.FORMAT_VERSION);
    }

    private List<LogRecord> nextBatch() {
        return batches.get(next++ & 15);
    }

    private static Map<String, Object> resource(SplittableRandom random) {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("service.instance.id", "instance-" + random.nextInt(1000));
        resource.put("service.version", "2.7.10");
        resource.put("host.name", "node-" + random.nextInt(20) + ".internal");
        resource.put("deployment.environment", "staging");
        resource.put("telemetry.sdk.language", "java");
        return resource;
    }

    private static LogRecord record(SplittableRandom random, Map<String, Object> resource) {
        long time = 1_795_000_000_000_000_000L + random.nextLong(86_400_000_000_000L);
        String route = ROUTES[random.nextInt(ROUTES.length)];
        String target = route.replace("{id}", Long.toString(random.nextLong(10_000_000))).replace("{sku}", "sku-" + random.nextInt(5000));
        String address = "10." + random.nextInt(8) + "." + random.nextInt(256) + "." + random.nextInt(256);
        String user = "u-" + random.nextInt(100_000);
        int status = random.nextInt(20) == 0 ? 500 : 200;
        double millis = Math.round(random.nextDouble(1, 500) * 100) / 100.0;
        String body = address + " - " + user + " \"GET " + target + " HTTP/1.1\" " + status + " " + random.nextInt(20_000)
                + " " + millis + "ms \"https://shop.example.com/cart\" \"Mozilla/5.0 (X11; Linux x86_64) Firefox/131.0\" rid="
                + Long.toHexString(random.nextLong());
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("http.method", "GET");
        attributes.put("http.route", route);
        attributes.put("http.target", target);
        attributes.put("http.status_code", (long) status);
        attributes.put("user.id", user);
        attributes.put("session.id", Long.toHexString(random.nextLong()));
        attributes.put("region", REGIONS[random.nextInt(REGIONS.length)]);
        attributes.put("client.address", address);
        attributes.put("duration_ms", millis);
        attributes.put("thread.name", "http-worker-" + random.nextInt(32));
        boolean traced = random.nextInt(10) < 8;
        return new LogRecord(time, time, status >= 500 ? 17 : 9, status >= 500 ? "ERROR" : "INFO", body,
                "service-" + random.nextInt(5), resource, "io.sightline.bench", "1.0", attributes,
                traced ? hex(random, 2) : "", traced ? hex(random, 1) : "", traced ? 1 : 0);
    }

    private static String hex(SplittableRandom random, int longs) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < longs; i++) {
            text.append(String.format("%016x", random.nextLong()));
        }
        return text.toString();
    }
}
