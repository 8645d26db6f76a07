package io.sightline.ui;

import java.util.Map;
import java.util.stream.Collectors;

import io.sightline.query.api.ApiTimes;
import io.sightline.query.logs.Severity;
import io.sightline.storage.logs.LogRecord;

/** One log record as the logs page shows it. */
record LogRow(String time, String severity, String severityClass, String service, String body, String traceId,
              String shortTraceId, String traceLink, String attributes) {
    static LogRow of(LogRecord record) {
        String severity = record.severityText().isEmpty() ? Severity.name(record.severityNumber()) : record.severityText();
        return new LogRow(ApiTimes.formatNanos(record.effectiveTimeNanos()), severity,
                "sev-" + Severity.name(record.severityNumber()).toLowerCase(java.util.Locale.ROOT),
                record.serviceName(), record.body(), record.traceId(),
                record.traceId().length() > 8 ? record.traceId().substring(0, 8) : record.traceId(),
                record.traceId().isEmpty() ? "" : "/logs?range=7d&trace_id=" + record.traceId(), format(record.attributes()));
    }

    private static String format(Map<String, Object> attributes) {
        return attributes.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("  "));
    }
}
