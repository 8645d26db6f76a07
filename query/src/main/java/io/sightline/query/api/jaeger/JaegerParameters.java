package io.sightline.query.api.jaeger;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.sightline.query.api.BadRequestException;
import io.sightline.query.api.GoForm;
import io.sightline.query.api.Logfmt;
import io.sightline.query.traces.GoDuration;
import io.sightline.storage.traces.SpanRecord;
import io.sightline.storage.traces.TraceSearch;

/**
 * Request parameters as Jaeger's query service parses them ({@code query_parser.go}), with its
 * messages: times in microseconds ({@code start}, {@code end}), durations in Go's syntax
 * ({@code minDuration=1.2s}), {@code limit}, tags as {@code tags={"k":"v"}} (JSON, repeatable),
 * {@code tag=k:v} (repeatable), or — as typed in Jaeger UI's tags box — {@code tags=k=v k2="a b"}
 * (logfmt). Stateless.
 */
final class JaegerParameters {
    private JaegerParameters() {
    }

    /** A search: the store's search, or trace ids to fetch (Jaeger's {@code traceID=} form). */
    record Search(TraceSearch search, List<String> traceIds) {
    }

    static Search search(GoForm form, JaegerApiConfig config, InstantSource clock) {
        long nowMicros = micros(clock);
        long end = time(form, "end", nowMicros);
        long start;
        if (!form.first("start").isEmpty()) {
            start = time(form, "start", 0);
        } else {
            // Jaeger UI sends lookback=1h etc. beside start; alone, it stands for start (Sightline's reading).
            OptionalLong lookback = GoDuration.parseNanos(form.first("lookback"));
            long back = lookback.isPresent() && lookback.getAsLong() > 0 ? lookback.getAsLong() / 1_000
                    : config.searchLookback().toNanos() / 1_000;
            start = end - back;
        }
        Map<String, String> tags = tags(form.all("tag"), form.all("tags"));
        int limit = config.defaultLimit();
        if (!form.first("limit").isEmpty()) {
            limit = (int) parseInt(form.first("limit"), 32);
        }
        limit = Math.max(1, Math.min(limit, config.maxLimit()));
        long minDuration = duration(form, "minDuration");
        long maxDuration = duration(form, "maxDuration");
        List<String> traceIds = new ArrayList<>();
        for (String id : form.all("traceID")) {
            try {
                traceIds.add(traceId(id));
            } catch (BadRequestException e) {
                throw new BadRequestException("cannot parse traceID param: " + e.getMessage());
            }
        }
        String service = form.first("service");
        if (traceIds.isEmpty() && service.isEmpty()) {
            throw new BadRequestException("parameter 'service' is required");
        }
        if (minDuration != 0 && maxDuration != 0 && maxDuration < minDuration) {
            throw new BadRequestException("'maxDuration' should be greater than 'minDuration'");
        }
        OptionalInt kind = OptionalInt.empty();
        OptionalInt status = OptionalInt.empty();
        List<TraceSearch.AttributeCondition> conditions = new ArrayList<>();
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            String key = tag.getKey();
            String value = tag.getValue();
            if (key.equals("error") && value.equals("true")) {
                status = OptionalInt.of(SpanRecord.STATUS_ERROR);
            } else if (key.equals("otel.status_code") && (value.equals("ERROR") || value.equals("OK"))) {
                status = OptionalInt.of(value.equals("ERROR") ? SpanRecord.STATUS_ERROR : SpanRecord.STATUS_OK);
            } else if (key.equals("span.kind") && kindNumber(value) >= 0) {
                kind = OptionalInt.of(kindNumber(value));
            } else {
                conditions.add(new TraceSearch.AttributeCondition(TraceSearch.Scope.ANY, key, value));
            }
        }
        String operation = form.first("operation");
        TraceSearch search = new TraceSearch(start * 1_000, end * 1_000 + 1_000,
                service.isEmpty() ? Optional.empty() : Optional.of(service),
                operation.isEmpty() ? Optional.empty() : Optional.of(operation), kind, status, conditions,
                Duration.ofNanos(Math.max(0, minDuration)), Duration.ofNanos(Math.max(0, maxDuration)),
                Duration.ZERO, Duration.ZERO, limit, config.searchTimeout());
        return new Search(search, traceIds);
    }

    /** Microseconds since the epoch from {@code name}, or {@code absent} when not given. */
    static long time(GoForm form, String name, long absent) {
        String value = form.first(name);
        if (value.isEmpty()) {
            return absent;
        }
        try {
            return parseInt(value, 64);
        } catch (BadRequestException e) {
            throw new BadRequestException("unable to parse param '" + name + "': " + e.getMessage());
        }
    }

    /** Go's {@code strconv.ParseInt(value, 10, bits)} with its error text. */
    static long parseInt(String value, int bits) {
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            boolean digits = value.matches("[+-]?\\d+");
            throw new BadRequestException("strconv.ParseInt: parsing " + quote(value) + ": "
                    + (digits ? "value out of range" : "invalid syntax"));
        }
        if (bits == 32 && (parsed > Integer.MAX_VALUE || parsed < Integer.MIN_VALUE)) {
            throw new BadRequestException("strconv.ParseInt: parsing " + quote(value) + ": value out of range");
        }
        return parsed;
    }

    private static long duration(GoForm form, String name) {
        String value = form.first(name);
        if (value.isEmpty()) {
            return 0;
        }
        OptionalLong nanos = GoDuration.parseNanos(value);
        if (nanos.isEmpty()) {
            throw new BadRequestException("unable to parse param '" + name + "': time: invalid duration " + quote(value));
        }
        return nanos.getAsLong();
    }

    /** A trace id as Jaeger reads one (up to 32 hex digits, left-padded with zeros), lower case. */
    static String traceId(String text) {
        if (text.isEmpty() || text.length() > 32) {
            throw new BadRequestException(text.isEmpty() ? "TraceID is empty"
                    : "TraceID cannot be longer than 32 hex characters: " + text);
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                throw new BadRequestException("strconv.ParseUint: parsing " + quote(text) + ": invalid syntax");
            }
        }
        return "0".repeat(32 - text.length()) + text.toLowerCase(Locale.ROOT);
    }

    static Map<String, String> tags(List<String> simple, List<String> json) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String tag : simple) {
            int colon = tag.indexOf(':');
            if (colon < 0) {
                throw new BadRequestException("malformed 'tag' parameter, expecting key:value, received: " + tag);
            }
            tags.put(tag.substring(0, colon), tag.substring(colon + 1));
        }
        for (String text : json) {
            if (text.strip().startsWith("{")) {
                try {
                    JsonObject object = JsonParser.parseString(text).getAsJsonObject();
                    for (Map.Entry<String, JsonElement> e : object.entrySet()) {
                        if (!e.getValue().isJsonPrimitive() || !e.getValue().getAsJsonPrimitive().isString()) {
                            throw new BadRequestException("malformed 'tags' parameter, cannot unmarshal JSON: "
                                    + "json: cannot unmarshal " + e.getValue() + " into Go value of type string");
                        }
                        tags.put(e.getKey(), e.getValue().getAsString());
                    }
                } catch (JsonParseException | IllegalStateException e) {
                    throw new BadRequestException("malformed 'tags' parameter, cannot unmarshal JSON: " + e.getMessage());
                }
            } else {
                tags.putAll(Logfmt.pairs(text));
            }
        }
        return tags;
    }

    static int kindNumber(String name) {
        return switch (name) {
            case "internal" -> SpanRecord.KIND_INTERNAL;
            case "server" -> SpanRecord.KIND_SERVER;
            case "client" -> SpanRecord.KIND_CLIENT;
            case "producer" -> SpanRecord.KIND_PRODUCER;
            case "consumer" -> SpanRecord.KIND_CONSUMER;
            default -> -1;
        };
    }

    private static long micros(InstantSource clock) {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
