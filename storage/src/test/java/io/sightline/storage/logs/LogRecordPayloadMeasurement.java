package io.sightline.storage.logs;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.Deflater;

/**
 * What the stored record ({@code rec}) would save after compression by leaving out what its stream
 * and resource definitions already hold (service name, resource attributes) and what lean records
 * repeat (scope name and version; an observed time equal to the time). Encodes {@code records}
 * lean records ({@link LeanLogRecords}) as {@link LogRecordCodec} does, in Lucene's stored-field
 * order, then compresses them in blocks of 60 KB with LZ4-like fast DEFLATE (level 1, for the flushed
 * form) and of 480 KB with DEFLATE level 6 (the merged, {@code BEST_COMPRESSION} form; Lucene also
 * primes each sub-block with a preset dictionary, so its figures are a little better). Usage:
 * {@code java -cp ... io.sightline.storage.logs.LogRecordPayloadMeasurement [records]}.
 */
public final class LogRecordPayloadMeasurement {
    private LogRecordPayloadMeasurement() {
    }

    public static void main(String[] args) {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        measure(records, "as stored today", UnaryOperator.identity());
        measure(records, "without service name and resource", r -> new LogRecord(r.timestampNanos(),
                r.observedTimestampNanos(), r.severityNumber(), r.severityText(), r.body(), "", Map.of(), r.scopeName(),
                r.scopeVersion(), r.attributes(), r.traceId(), r.spanId(), r.flags()));
        measure(records, "... and without scope and observed time", r -> new LogRecord(r.timestampNanos(), 0,
                r.severityNumber(), r.severityText(), r.body(), "", Map.of(), "", "", r.attributes(), r.traceId(),
                r.spanId(), r.flags()));
        measure(records, "... and without the time", r -> new LogRecord(0, 0,
                r.severityNumber(), r.severityText(), r.body(), "", Map.of(), "", "", r.attributes(), r.traceId(),
                r.spanId(), r.flags()));
    }

    private static void measure(int records, String what, UnaryOperator<LogRecord> strip) {
        LeanLogRecords generator = new LeanLogRecords(42);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        long raw = 0;
        for (int i = 0; i < records; i++) {
            // WAL entries of 500 records from one service each, as the benchmark sends them.
            LogRecord record = generator.record((i / 500) % LeanLogRecords.services(), 1_795_910_400_000_000_000L + i * 86_400_000L);
            raw += LeanLogRecords.rawLine(record).length();
            byte[] encoded = LogRecordCodec.encode(strip.apply(record));
            all.writeBytes(encoded);
        }
        byte[] bytes = all.toByteArray();
        long fast = compressed(bytes, 60 * 1024, 1);
        long best = compressed(bytes, 480 * 1024, 6);
        System.out.printf("%-42s encoded %5.1f B, fast %5.1f B (%4.1f%% of raw), deflate-6 %5.1f B (%4.1f%% of raw) a record%n",
                what, bytes.length / (double) records, fast / (double) records, 100.0 * fast / raw,
                best / (double) records, 100.0 * best / raw);
    }

    private static long compressed(byte[] bytes, int block, int level) {
        long total = 0;
        byte[] out = new byte[block * 2];
        for (int start = 0; start < bytes.length; start += block) {
            Deflater deflater = new Deflater(level, true);
            deflater.setInput(bytes, start, Math.min(block, bytes.length - start));
            deflater.finish();
            while (!deflater.finished()) {
                total += deflater.deflate(out);
            }
            deflater.end();
        }
        return total;
    }
}
