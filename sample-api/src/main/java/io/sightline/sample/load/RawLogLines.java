package io.sightline.sample.load;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Renders log records as the plain text lines a service would have written to a file, for the
 * search benchmark's {@code grep} side and its "raw log bytes":
 *
 * <pre>2026-11-29T08:00:00.123456789Z service=checkout level=WARN &lt;body&gt; key=value ... trace_id=&lt;hex&gt; span_id=&lt;hex&gt;</pre>
 *
 * One line per record: the time in UTC with nanoseconds, the resource's {@code service.name}, the
 * severity text, the body (a line break in it written as {@code \n}), every record attribute as
 * {@code key=value} in order, then the trace and span ids when set. The other resource attributes
 * are per service, not per record, and left out. Stateless; thread-safe.
 */
final class RawLogLines {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private RawLogLines() {}

    /** Appends one line, ending in {@code \n}, per record of {@code request} to {@code out}. */
    static void append(ExportLogsServiceRequest request, StringBuilder out) {
        for (ResourceLogs resourceLogs : request.getResourceLogsList()) {
            String service = "unknown_service";
            for (KeyValue kv : resourceLogs.getResource().getAttributesList()) {
                if (kv.getKey().equals("service.name")) {
                    service = text(kv.getValue());
                }
            }
            for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
                for (LogRecord record : scopeLogs.getLogRecordsList()) {
                    append(service, record, out);
                }
            }
        }
    }

    private static void append(String service, LogRecord record, StringBuilder out) {
        long nanos = record.getTimeUnixNano();
        TIME.formatTo(Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)), out);
        out.append(" service=").append(service).append(" level=").append(record.getSeverityText()).append(' ');
        appendOneLine(text(record.getBody()), out);
        for (KeyValue kv : record.getAttributesList()) {
            out.append(' ').append(kv.getKey()).append('=');
            appendOneLine(text(kv.getValue()), out);
        }
        if (!record.getTraceId().isEmpty()) {
            out.append(" trace_id=").append(HEX.formatHex(record.getTraceId().toByteArray()));
        }
        if (!record.getSpanId().isEmpty()) {
            out.append(" span_id=").append(HEX.formatHex(record.getSpanId().toByteArray()));
        }
        out.append('\n');
    }

    private static void appendOneLine(String s, StringBuilder out) {
        if (s.indexOf('\n') < 0) {
            out.append(s);
        } else {
            out.append(s.replace("\n", "\\n"));
        }
    }

    private static String text(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case INT_VALUE -> Long.toString(v.getIntValue());
            case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
            case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
            case BYTES_VALUE -> HEX.formatHex(v.getBytesValue().toByteArray());
            default -> v.toString().replace('\n', ' ').trim();
        };
    }
}
