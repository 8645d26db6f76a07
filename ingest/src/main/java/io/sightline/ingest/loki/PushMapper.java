package io.sightline.ingest.loki;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;

/**
 * Judges decoded Loki streams as Loki's distributor does and turns the accepted ones into an OTLP
 * logs request, the form the logs WAL holds:
 * <ul>
 *   <li>a stream becomes a {@code ResourceLogs} whose attributes are its labels (names as sent, empty
 *       values left out), except {@code service_name}, which becomes {@code service.name}; without
 *       it, {@code service.name} is the value of the first label of
 *       {@link LokiPushConfig#discoverServiceName()} the stream has, else {@code unknown_service}
 *       (Loki 3's {@code discover_service_name});
 *   <li>an entry becomes a {@code LogRecord}: time = its timestamp, observed time = the receive
 *       time, body = the line, attributes = its structured metadata, severity from {@code level},
 *       {@code severity} or {@code detected_level} in its structured metadata, else in the stream's
 *       labels ({@link LokiSeverity}; the severity text is the value as sent).
 * </ul>
 * A stream whose labels do not parse, are missing, too many or too long, or repeat a name is refused
 * whole; an entry older than {@link LokiPushConfig#rejectOldSamplesMaxAge()} or further ahead than
 * {@link LokiPushConfig#creationGracePeriod()} is refused alone. Messages are Loki's. Stateless.
 */
final class PushMapper {
    static final String SERVICE_NAME_LABEL = "service_name";
    static final String UNKNOWN_SERVICE = "unknown_service";

    /** What a push request comes to: the OTLP request to write and what was refused. */
    record Mapped(ExportLogsServiceRequest request, long acceptedEntries, PushRejections rejections) {
    }

    private final LokiPushConfig config;

    PushMapper(LokiPushConfig config) {
        this.config = config;
    }

    /** @param receivedNanos the receive time, Unix epoch nanoseconds: observed time and the base of the age checks */
    Mapped map(List<PushStream> streams, long receivedNanos) {
        ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
        PushRejections rejections = new PushRejections();
        long oldest = config.rejectOldSamplesMaxAge().isZero() ? 0
                : Math.max(0, receivedNanos - config.rejectOldSamplesMaxAge().toNanos());
        long newest = saturatedAdd(receivedNanos, config.creationGracePeriod().toNanos());
        long accepted = 0;
        for (PushStream stream : streams) {
            if (stream.entries().isEmpty()) {
                continue;
            }
            List<LokiLabel> labels = judgedLabels(stream, rejections);
            if (labels == null) {
                continue;
            }
            ScopeLogs.Builder scope = ScopeLogs.newBuilder();
            for (PushStream.Entry entry : stream.entries()) {
                if (entry.timestampNanos() < oldest) {
                    rejections.add("greater_than_max_sample_age", 1, "entry for stream '" + stream.labels()
                            + "' has timestamp too old: " + rfc3339(entry.timestampNanos())
                            + ", oldest acceptable timestamp is: " + rfc3339(oldest));
                } else if (entry.timestampNanos() > newest) {
                    rejections.add("too_far_in_future", 1, "entry for stream '" + stream.labels()
                            + "' has timestamp too new: " + rfc3339(entry.timestampNanos()));
                } else {
                    scope.addLogRecords(record(entry, labels, receivedNanos));
                    accepted++;
                }
            }
            if (scope.getLogRecordsCount() > 0) {
                request.addResourceLogs(ResourceLogs.newBuilder().setResource(resource(labels)).addScopeLogs(scope));
            }
        }
        return new Mapped(request.build(), accepted, rejections);
    }

    /** The stream's labels if Loki would accept them, else null with the stream's entries refused. */
    private List<LokiLabel> judgedLabels(PushStream stream, PushRejections rejections) {
        int entries = stream.entries().size();
        String raw = stream.labels();
        List<LokiLabel> labels;
        try {
            labels = StreamLabelsParser.parse(raw);
        } catch (InvalidLabelsException e) {
            rejections.add("invalid_labels", entries, "Error parsing labels '" + raw + "' with error: " + e.getMessage());
            return null;
        }
        if (labels.isEmpty()) {
            rejections.add("missing_labels", entries, "error at least one label pair is required per stream");
            return null;
        }
        int names = 0;
        for (LokiLabel label : labels) {
            names += label.name().equals(SERVICE_NAME_LABEL) ? 0 : 1;
        }
        if (names > config.maxLabelsPerStream()) {
            rejections.add("max_label_names_per_series", entries, "entry for stream '" + raw + "' has " + names
                    + " label names; limit " + config.maxLabelsPerStream());
            return null;
        }
        Set<String> seen = new HashSet<>();
        for (LokiLabel label : labels) {
            if (utf8Length(label.name()) > config.maxLabelNameBytes()) {
                rejections.add("label_name_too_long", entries, "stream '" + raw + "' has label name too long: '"
                        + label.name() + "'");
                return null;
            }
            if (utf8Length(label.value()) > config.maxLabelValueBytes()) {
                rejections.add("label_value_too_long", entries, "stream '" + raw + "' has label value too long: '"
                        + label.value() + "'");
                return null;
            }
            if (!seen.add(label.name())) {
                rejections.add("duplicate_label_names", entries, "stream '" + raw + "' has duplicate label name: '"
                        + label.name() + "'");
                return null;
            }
        }
        return labels;
    }

    private Resource resource(List<LokiLabel> labels) {
        Resource.Builder resource = Resource.newBuilder();
        String serviceName = null;
        for (LokiLabel label : labels) {
            if (label.value().isEmpty()) {
                continue;
            }
            if (label.name().equals(SERVICE_NAME_LABEL)) {
                serviceName = label.value();
            } else {
                resource.addAttributes(attribute(label.name(), label.value()));
            }
        }
        if (serviceName == null && !config.discoverServiceName().isEmpty()) {
            serviceName = UNKNOWN_SERVICE;
            for (String candidate : config.discoverServiceName()) {
                String value = valueOf(labels, candidate);
                if (!value.isEmpty()) {
                    serviceName = value;
                    break;
                }
            }
        }
        if (serviceName != null) {
            resource.addAttributes(0, attribute("service.name", serviceName));
        }
        return resource.build();
    }

    private static LogRecord record(PushStream.Entry entry, List<LokiLabel> labels, long receivedNanos) {
        LogRecord.Builder record = LogRecord.newBuilder()
                .setTimeUnixNano(entry.timestampNanos())
                .setObservedTimeUnixNano(receivedNanos)
                .setBody(AnyValue.newBuilder().setStringValue(entry.line()));
        for (LokiLabel metadata : entry.structuredMetadata()) {
            record.addAttributes(attribute(metadata.name(), metadata.value()));
        }
        String level = level(entry.structuredMetadata());
        if (level.isEmpty()) {
            level = level(labels);
        }
        if (!level.isEmpty()) {
            record.setSeverityNumberValue(LokiSeverity.number(level)).setSeverityText(level);
        }
        return record.build();
    }

    private static String level(List<LokiLabel> pairs) {
        for (String name : LokiSeverity.LEVEL_NAMES) {
            String value = valueOf(pairs, name);
            if (!value.isEmpty()) {
                return value;
            }
        }
        return "";
    }

    private static String valueOf(List<LokiLabel> pairs, String name) {
        for (LokiLabel pair : pairs) {
            if (pair.name().equals(name)) {
                return pair.value();
            }
        }
        return "";
    }

    private static KeyValue attribute(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    /** Seconds precision, as Loki's messages (Go's time.RFC3339). */
    private static String rfc3339(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L)).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static int utf8Length(CharSequence text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
