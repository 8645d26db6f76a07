package io.sightline.ui;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.sightline.query.api.ApiTimes;
import io.sightline.query.logs.Severity;
import io.sightline.storage.logs.LogRecord;

/** One log record of a trace as the trace view shows it, under the waterfall and per span. */
record TraceLogRow(String time, String severity, String severityClass, String service, String body, String attributes) {
    static TraceLogRow of(LogRecord record) {
        String severity = record.severityText().isEmpty() ? Severity.name(record.severityNumber()) : record.severityText();
        return new TraceLogRow(ApiTimes.formatNanos(record.effectiveTimeNanos()), severity,
                "sev-" + Severity.name(record.severityNumber()).toLowerCase(Locale.ROOT), record.serviceName(),
                record.body(), format(record.attributes()));
    }

    private static String format(Map<String, Object> attributes) {
        return attributes.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("  "));
    }
}
