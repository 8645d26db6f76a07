package io.sightline.query.traces;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sightline.storage.traces.SpanRecord;

/**
 * Spans written one a line, for test files: {@code <id> parent=<id> name="GET /a" service=web
 * kind=server status=error start=10 dur=40 span.k=v resource.k=v} (times in milliseconds from
 * {@code baseNanos}; {@code "quoted"} values are strings, {@code true}/{@code false} booleans,
 * {@code 12} integers, {@code 1.5} floats, anything else a string). The id is used as the span id
 * as written; a missing {@code parent} makes a root.
 */
public final class SpanLines {
    private SpanLines() {
    }

    public static SpanRecord parse(String line, String traceId, long baseNanos) {
        List<String> words = words(line.strip());
        String id = words.getFirst();
        Map<String, Object> attributes = new LinkedHashMap<>();
        Map<String, Object> resource = new LinkedHashMap<>();
        String parent = "";
        String name = "";
        String service = "";
        int kind = SpanRecord.KIND_UNSPECIFIED;
        int status = SpanRecord.STATUS_UNSET;
        String statusMessage = "";
        long start = 0;
        long duration = 0;
        for (String word : words.subList(1, words.size())) {
            int eq = word.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("expected key=value: " + word + " in " + line);
            }
            String key = word.substring(0, eq);
            String raw = word.substring(eq + 1);
            Object value = value(raw);
            switch (key) {
                case "parent" -> parent = raw;
                case "name" -> name = (String) value;
                case "service" -> service = (String) value;
                case "kind" -> kind = kind(raw);
                case "status" -> status = switch (raw) {
                    case "error" -> SpanRecord.STATUS_ERROR;
                    case "ok" -> SpanRecord.STATUS_OK;
                    case "unset" -> SpanRecord.STATUS_UNSET;
                    default -> throw new IllegalArgumentException("status " + raw);
                };
                case "message" -> statusMessage = (String) value;
                case "start" -> start = Long.parseLong(raw) * 1_000_000L;
                case "dur" -> duration = Long.parseLong(raw) * 1_000_000L;
                default -> {
                    if (key.startsWith("span.")) {
                        attributes.put(key.substring(5), value);
                    } else if (key.startsWith("resource.")) {
                        resource.put(key.substring(9), value);
                    } else {
                        throw new IllegalArgumentException("unknown key " + key + " in " + line);
                    }
                }
            }
        }
        return new SpanRecord(traceId, id, parent, "", 1, name, kind, baseNanos + start, baseNanos + start + duration,
                status, statusMessage, service, resource, "", "", attributes, List.of(), List.of(), 0, 0, 0);
    }

    static int kind(String text) {
        return switch (text) {
            case "unspecified" -> SpanRecord.KIND_UNSPECIFIED;
            case "internal" -> SpanRecord.KIND_INTERNAL;
            case "server" -> SpanRecord.KIND_SERVER;
            case "client" -> SpanRecord.KIND_CLIENT;
            case "producer" -> SpanRecord.KIND_PRODUCER;
            case "consumer" -> SpanRecord.KIND_CONSUMER;
            default -> throw new IllegalArgumentException("kind " + text);
        };
    }

    private static Object value(String raw) {
        if (raw.startsWith("\"")) {
            return raw.substring(1, raw.length() - 1);
        }
        if (raw.equals("true") || raw.equals("false")) {
            return Boolean.parseBoolean(raw);
        }
        if (raw.matches("-?\\d+")) {
            return Long.parseLong(raw);
        }
        if (raw.matches("-?\\d+\\.\\d+")) {
            return Double.parseDouble(raw);
        }
        return raw;
    }

    /** Splits at spaces outside double quotes. */
    private static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ' ' && !quoted) {
                if (!word.isEmpty()) {
                    out.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (!word.isEmpty()) {
            out.add(word.toString());
        }
        return out;
    }
}
