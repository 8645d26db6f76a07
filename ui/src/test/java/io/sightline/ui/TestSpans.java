package io.sightline.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.sightline.storage.traces.SpanRecord;

/**
 * Spans written compactly for table tests: {@code id<parent service/name start-end [error]}, times in
 * milliseconds after an arbitrary epoch, {@code -} for no parent, one span per {@code ;}.
 */
final class TestSpans {
    private static final long EPOCH_NANOS = 1_700_000_000_000_000_000L;

    private TestSpans() {
    }

    static List<SpanRecord> parse(String text) {
        List<SpanRecord> spans = new ArrayList<>();
        for (String part : text.split(";")) {
            String[] f = part.strip().split("\\s+");
            String[] ids = f[0].split("<");
            String[] op = f[1].split("/", 2);
            String[] times = f[2].split("-");
            boolean error = f.length > 3 && f[3].equals("error");
            spans.add(new SpanRecord("0".repeat(32), ids[0], ids[1].equals("-") ? "" : ids[1], "", 0, op[1],
                    SpanRecord.KIND_SERVER, EPOCH_NANOS + Long.parseLong(times[0]) * 1_000_000,
                    EPOCH_NANOS + Long.parseLong(times[1]) * 1_000_000,
                    error ? SpanRecord.STATUS_ERROR : SpanRecord.STATUS_UNSET, "", op[0], Map.of(), "", "", Map.of(),
                    List.of(), List.of(), 0, 0, 0));
        }
        return spans;
    }
}
