package io.sightline.query.alerting.notify;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import io.sightline.query.alerting.PostableAlert;
import io.sightline.storage.tsdb.LabelMatcher;
import io.sightline.storage.tsdb.Labels;

/**
 * The bodies {@link AlertmanagerApi} takes: {@code postableSilence} and {@code postableAlerts}, checked
 * as go-openapi checks them (required fields → 422) and then as Alertmanager's handlers do (→ 400).
 * Stateless; thread-safe.
 */
final class AlertmanagerApiRequests {
    /** Go's zero {@code time.Time}, which clients send for "not set"; read as {@link #UNSET}. */
    static final long UNSET = Silences.UNSET;
    private static final long GO_ZERO_TIME_MS = -62135596800000L;

    private AlertmanagerApiRequests() {
    }

    /** A {@code postableSilence} as a {@link Silence} (id empty when creating). */
    static Silence silence(String body) {
        JsonObject o = object(parse(body, "silence"), "silence");
        for (String field : List.of("comment", "createdBy", "endsAt", "matchers", "startsAt")) {
            if (!o.has(field) || o.get(field).isJsonNull()) {
                throw AlertmanagerApiError.validation(602, field + " in body is required");
            }
        }
        if (!o.get("matchers").isJsonArray() || o.getAsJsonArray("matchers").isEmpty()) {
            throw AlertmanagerApiError.validation(612, "matchers in body should have at least 1 items");
        }
        List<LabelMatcher> matchers = new ArrayList<>();
        int i = 0;
        for (JsonElement e : o.getAsJsonArray("matchers")) {
            JsonObject m = object(e, "silence");
            for (String field : List.of("isRegex", "name", "value")) {
                if (!m.has(field) || m.get(field).isJsonNull()) {
                    throw AlertmanagerApiError.validation(602, "matchers." + i + "." + field + " in body is required");
                }
            }
            boolean isRegex = m.get("isRegex").getAsBoolean();
            boolean isEqual = !m.has("isEqual") || m.get("isEqual").getAsBoolean();
            String value = m.get("value").getAsString();
            LabelMatcher.Type type = isRegex ? (isEqual ? LabelMatcher.Type.REGEX : LabelMatcher.Type.NOT_REGEX)
                    : (isEqual ? LabelMatcher.Type.EQUAL : LabelMatcher.Type.NOT_EQUAL);
            try {
                matchers.add(LabelMatcher.of(type, m.get("name").getAsString(), value));
            } catch (IllegalArgumentException ex) {
                throw AlertmanagerApiError.message(400, "silence invalid: invalid label matcher " + i + ": "
                        + AlertmanagerMatchers.regexError(value, ex));
            }
            i++;
        }
        String id = o.has("id") && !o.get("id").isJsonNull() ? o.get("id").getAsString() : "";
        return new Silence(id, matchers, time(o, "startsAt"), time(o, "endsAt"), 0,
                o.get("createdBy").getAsString(), o.get("comment").getAsString());
    }

    /**
     * {@code postableAlerts}, completed as Alertmanager's {@code postAlertsHandler} does: a missing start
     * is now (or the end, when one is given), a missing end is now + {@code resolveTimeoutMs}. Alerts that
     * fail its checks are left out and their errors collected in {@code errors}.
     */
    static List<PostableAlert> alerts(String body, long nowMs, long resolveTimeoutMs, List<String> errors) {
        JsonElement root = parse(body, "alerts");
        if (!root.isJsonArray()) {
            throw AlertmanagerApiError.badJson("alerts", "json: cannot unmarshal object into Go value of type models.PostableAlerts");
        }
        List<PostableAlert> out = new ArrayList<>();
        int index = 0;
        for (JsonElement e : root.getAsJsonArray()) {
            JsonObject o = object(e, "alerts");
            if (!o.has("labels") || o.get("labels").isJsonNull()) {
                throw AlertmanagerApiError.validation(602, index + ".labels in body is required");
            }
            Labels labels = stringMap(o, "labels");
            Labels annotations = o.has("annotations") && !o.get("annotations").isJsonNull()
                    ? stringMap(o, "annotations") : Labels.EMPTY;
            long startsAt = o.has("startsAt") ? time(o, "startsAt") : UNSET;
            long endsAt = o.has("endsAt") ? time(o, "endsAt") : UNSET;
            if (startsAt == UNSET) {
                startsAt = endsAt == UNSET ? nowMs : endsAt;
            }
            if (endsAt == UNSET) {
                endsAt = nowMs + resolveTimeoutMs;
            }
            String generatorUrl = o.has("generatorURL") && !o.get("generatorURL").isJsonNull()
                    ? o.get("generatorURL").getAsString() : "";
            index++;
            String error = validate(labels, startsAt, endsAt);
            if (error != null) {
                errors.add(error);
                continue;
            }
            out.add(new PostableAlert(labels, annotations, startsAt, endsAt, generatorUrl));
        }
        return out;
    }

    /** Alertmanager's {@code types.Alert.Validate}; null when valid. */
    private static String validate(Labels labels, long startsAt, long endsAt) {
        if (endsAt < startsAt) {
            return "start time must be before end time";
        }
        if (labels.isEmpty()) {
            return "at least one label pair required";
        }
        for (String name : labels.names()) {
            if (!AlertmanagerMatchers.validLabelName(name)) {
                return "invalid label set: invalid name " + io.sightline.query.promql.parser.GoStrings.quote(name);
            }
        }
        return null;
    }

    private static JsonElement parse(String body, String what) {
        try {
            return JsonParser.parseString(body);
        } catch (JsonParseException e) {
            throw AlertmanagerApiError.badJson(what, String.valueOf(e.getMessage()));
        }
    }

    private static JsonObject object(JsonElement e, String what) {
        if (e == null || !e.isJsonObject()) {
            throw AlertmanagerApiError.badJson(what, "a JSON object was expected");
        }
        return e.getAsJsonObject();
    }

    private static Labels stringMap(JsonObject o, String field) {
        JsonElement e = o.get(field);
        if (!e.isJsonObject()) {
            throw AlertmanagerApiError.badJson("alerts", field + " must be an object of strings");
        }
        Labels.Builder builder = Labels.builder();
        for (Map.Entry<String, JsonElement> entry : e.getAsJsonObject().entrySet()) {
            if (!entry.getValue().isJsonPrimitive()) {
                throw AlertmanagerApiError.badJson("alerts", field + "." + entry.getKey() + " must be a string");
            }
            builder.set(entry.getKey(), entry.getValue().getAsString());
        }
        return builder.build();
    }

    /** A {@code strfmt.DateTime}; Go's zero time (and anything before it) is {@link #UNSET}. */
    private static long time(JsonObject o, String field) {
        String text = o.get(field).getAsString();
        try {
            long ms = OffsetDateTime.parse(text).toInstant().toEpochMilli();
            return ms <= GO_ZERO_TIME_MS ? UNSET : ms;
        } catch (DateTimeParseException | ArithmeticException e) {
            throw AlertmanagerApiError.validation(601, field + " in body must be of type date-time: "
                    + io.sightline.query.promql.parser.GoStrings.quote(text));
        }
    }
}
