package io.sightline.storage.logs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.sightline.storage.ManualClock;
import io.sightline.storage.tsdb.LabelMatcher;
import org.apache.lucene.codecs.CompoundDirectory;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Disk bytes of the log store against the raw text of its records, the figure of {@code bin/bench
 * logs-search} without the appliance around it: indexes {@code records} lean records
 * ({@link LeanLogRecords}, 5 services, WAL entries of 500, spread evenly over one UTC day) through
 * {@link LuceneLogStore#append} with the appliance's default settings (refresh 1 s, commit 5 s, one
 * indexing thread, 128 MB buffer), commits, waits for merges, and prints the bytes on disk by file
 * extension in % of the raw bytes (each record as {@code time service=S level=L body\n}, as the
 * benchmark's raw file), before and after one more commit (which deletes merged-away segments), and
 * what the compound files hold, by extension. Then times two scans of one service that read and
 * verify stored records: every one ({@code != "needle7xq"}) and the 1% with timeouts
 * ({@code |= "timeout"}). Not a test: nothing is asserted.
 * Usage: {@code java -cp ... io.sightline.storage.logs.LogDiskMeasurement [records] [dir] [segments]}
 * (default 1,000,000 records in a temporary folder, deleted at the end unless named; with
 * {@code segments}, each partition is then force-merged to that many segments with the store's writer
 * settings and measured again, as settled data after the merges of a long day).
 */
public final class LogDiskMeasurement {
    private static final int ENTRY_RECORDS = 500;
    private static final long DAY_NANOS = 86_400_000_000_000L;
    private static final long DAY_START = Instant.parse("2026-11-29T00:00:00Z").getEpochSecond() * 1_000_000_000L;
    private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-11-30T00:00:00Z"));

    private LogDiskMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("log-disk-measurement");
        int forceMergeTo = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        LogStoreConfig config = LogStoreConfig.defaults(dir);
        try {
            long rawBytes = index(config, records);
            if (forceMergeTo > 0) {
                forceMerge(dir, forceMergeTo);
                print("after forceMerge(" + forceMergeTo + ")", dir, rawBytes);
                printCompoundContents(dir, rawBytes);
            }
            try (LuceneLogStore store = LuceneLogStore.open(config, CLOCK)) {
                for (int round = 0; round < 3; round++) {
                    scan(store, "every record of one service (!= \"needle7xq\")", LineFilter.notContains("needle7xq"));
                    scan(store, "one service's timeouts (|= \"timeout\", sparse)", LineFilter.contains("timeout"));
                }
            }
        } finally {
            if (args.length <= 1) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        }
    }

    /** Indexes, commits, waits for merges and prints the disk figures; returns the raw text bytes. */
    private static long index(LogStoreConfig config, int records) throws IOException {
        LeanLogRecords generator = new LeanLogRecords(42);
        long rawBytes = 0;
        try (LuceneLogStore store = LuceneLogStore.open(config, CLOCK)) {
            long started = System.nanoTime();
            int entries = (records + ENTRY_RECORDS - 1) / ENTRY_RECORDS;
            for (int wal = 0; wal < entries; wal++) {
                int service = wal % LeanLogRecords.services();
                List<LogRecord> entry = new ArrayList<>(ENTRY_RECORDS);
                for (int i = 0; i < ENTRY_RECORDS; i++) {
                    long time = DAY_START + (long) ((wal * (double) ENTRY_RECORDS + i) * ((DAY_NANOS - 1) / (double) records));
                    LogRecord record = generator.record(service, time);
                    rawBytes += LeanLogRecords.rawLine(record).getBytes(StandardCharsets.UTF_8).length;
                    entry.add(record);
                }
                store.append(wal, entry);
            }
            store.commit();
            double indexSeconds = (System.nanoTime() - started) / 1e9;
            store.awaitMerges();
            long indexed = (long) entries * ENTRY_RECORDS;
            System.out.printf("%,d records indexed and committed in %.1f s (%,.0f records/s), raw text %,d bytes (%.0f B a line)%n",
                    indexed, indexSeconds, indexed / indexSeconds, rawBytes, rawBytes / (double) indexed);
            print("settled, as the last periodic commit left it", config.directory(), rawBytes);
            store.commit();
            print("after one more commit", config.directory(), rawBytes);
            printCompoundContents(config.directory(), rawBytes);
        }
        return rawBytes;
    }

    private static void scan(LuceneLogStore store, String what, LineFilter filter) {
        long started = System.nanoTime();
        LogScanStats stats = store.scan(new LogScan(DAY_START, DAY_START + DAY_NANOS,
                List.of(LabelMatcher.equal("service_name", "checkout")), List.of(filter),
                LogScan.Direction.FORWARD, 0, Duration.ofMinutes(2)), (stream, record) -> true);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("scan, %s: %,d records read in %.0f ms, %.2f µs a record%n",
                what, stats.recordsRead(), seconds * 1e3, seconds * 1e6 / stats.recordsRead());
    }

    /** Merges each partition to at most {@code segments} segments with the store's writer settings. */
    private static void forceMerge(Path dir, int segments) throws IOException {
        try (Stream<Path> partitions = Files.list(dir)) {
            for (Path partition : partitions.filter(Files::isDirectory).toList()) {
                try (Directory directory = FSDirectory.open(partition);
                     IndexWriter writer = new IndexWriter(directory, LogPartition.writerConfig(128))) {
                    long started = System.nanoTime();
                    writer.forceMerge(segments);
                    writer.commit();
                    System.out.printf("forceMerge(%d) of %s: %.1f s%n", segments, partition.getFileName(),
                            (System.nanoTime() - started) / 1e9);
                }
            }
        }
    }

    private static void print(String when, Path dir, long rawBytes) throws IOException {
        Map<String, Long> bytes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                bytes.merge(extension(file.getFileName().toString()), Files.size(file), Long::sum);
            }
        }
        printTable("disk " + when, bytes, rawBytes);
    }

    /** The files inside every compound file of the last commits, by extension. */
    private static void printCompoundContents(Path dir, long rawBytes) throws IOException {
        Map<String, Long> bytes = new TreeMap<>();
        try (Stream<Path> partitions = Files.list(dir)) {
            for (Path partition : partitions.filter(Files::isDirectory).toList()) {
                try (Directory directory = FSDirectory.open(partition)) {
                    for (SegmentCommitInfo segment : SegmentInfos.readLatestCommit(directory)) {
                        System.out.printf("segment %s: %,d docs, %,d bytes, %s, stored fields %s%n", segment.info.name,
                                segment.info.maxDoc(), segment.sizeInBytes(), segment.info.getDiagnostics().get("source"),
                                segment.info.getAttribute("Lucene90StoredFieldsFormat.mode"));
                        if (!segment.info.getUseCompoundFile()) {
                            continue;
                        }
                        try (CompoundDirectory compound = segment.info.getCodec().compoundFormat()
                                .getCompoundReader(directory, segment.info)) {
                            for (String file : compound.listAll()) {
                                bytes.merge(extension(file), compound.fileLength(file), Long::sum);
                            }
                        }
                    }
                }
            }
        }
        printTable("inside the compound files", bytes, rawBytes);
    }

    private static void printTable(String title, Map<String, Long> bytes, long rawBytes) {
        long total = bytes.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("%s: %,d bytes = %.1f%% of raw%n", title, total, 100.0 * total / rawBytes);
        bytes.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(e ->
                System.out.printf("  %-8s %,14d  %5.1f%%%n", e.getKey(), e.getValue(), 100.0 * e.getValue() / rawBytes));
    }

    private static String extension(String file) {
        int dot = file.lastIndexOf('.');
        return dot < 0 ? "(none)" : file.substring(dot + 1);
    }
}
