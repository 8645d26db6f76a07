package io.sightline.query.api.prometheus;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.google.gson.stream.JsonWriter;
import io.sightline.query.rules.ActiveAlert;
import io.sightline.query.rules.AlertingRule;
import io.sightline.query.rules.GoFloatFormat;
import io.sightline.query.rules.GroupStatus;
import io.sightline.query.rules.RecordingRule;
import io.sightline.query.rules.RuleStatus;
import io.sightline.query.rules.RuleStatusSource;
import io.sightline.storage.tsdb.Labels;

/**
 * {@code /api/v1/rules} and {@code /api/v1/alerts} in Prometheus's JSON shapes, read from a
 * {@link RuleStatusSource}: groups with their rules (alerting: state, query, duration,
 * keepFiringFor, labels, annotations, alerts; recording: query, labels), health, lastError,
 * evaluation time (seconds) and last evaluation (Go's time text); which groups and rules, and the
 * {@code groupNextToken} of a page, are {@link RuleFilter}'s choice. Alert values are Go's
 * {@code 'e'} text ({@code 1e+00}).
 * Thread-safe.
 */
final class RuleEndpoints {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    /** Go's zero {@code time.Time}: a rule or group not evaluated yet. */
    private static final String GO_ZERO_TIME = "0001-01-01T00:00:00Z";

    private final RuleStatusSource source;

    RuleEndpoints(RuleStatusSource source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    Answer rules(RequestParameters p) {
        RuleFilter filter = RuleFilter.read(p);
        RuleFilter.Page page = filter.select(source.groups());
        return Answer.of(json -> {
            json.beginObject().name("groups").beginArray();
            for (GroupStatus g : page.groups()) {
                group(json, g, filter.excludeAlerts());
            }
            json.endArray();
            if (!page.nextToken().isEmpty()) {
                json.name("groupNextToken").value(page.nextToken());
            }
            json.endObject();
        });
    }

    Answer alerts(RequestParameters p) {
        List<ActiveAlert> alerts = source.alerts();
        return Answer.of(json -> {
            json.beginObject().name("alerts").beginArray();
            for (ActiveAlert a : alerts) {
                alert(json, a);
            }
            json.endArray().endObject();
        });
    }

    private static void group(JsonWriter json, GroupStatus g, boolean excludeAlerts) throws IOException {
        json.beginObject();
        json.name("name").value(g.group().name());
        json.name("file").value(g.group().file());
        json.name("rules").beginArray();
        for (RuleStatus r : g.rules()) {
            rule(json, r, excludeAlerts);
        }
        json.endArray();
        json.name("interval").jsonValue(goJsonNumber(g.intervalMs() / 1000.0));
        json.name("limit").value(g.group().limit());
        json.name("evaluationTime").jsonValue(goJsonNumber(g.evaluationTimeSeconds()));
        json.name("lastEvaluation").value(goTime(g.lastEvaluationMs()));
        json.endObject();
    }

    private static void rule(JsonWriter json, RuleStatus r, boolean excludeAlerts) throws IOException {
        json.beginObject();
        String query = r.query();
        if (r.rule() instanceof AlertingRule a) {
            json.name("state").value(r.state().apiName());
            json.name("name").value(a.alert());
            json.name("query").value(query);
            json.name("duration").jsonValue(goJsonNumber(a.forMs() / 1000.0));
            json.name("keepFiringFor").jsonValue(goJsonNumber(a.keepFiringForMs() / 1000.0));
            map(json.name("labels"), a.labels());
            map(json.name("annotations"), a.annotations());
            if (excludeAlerts) {
                json.name("alerts").nullValue(); // Prometheus leaves the Go slice nil
            } else {
                json.name("alerts").beginArray();
                for (ActiveAlert alert : r.alerts()) {
                    alert(json, alert);
                }
                json.endArray();
            }
        } else if (r.rule() instanceof RecordingRule rec) {
            json.name("name").value(rec.record());
            json.name("query").value(query);
            if (!rec.labels().isEmpty()) {
                map(json.name("labels"), rec.labels());
            }
        }
        json.name("health").value(r.health().apiName());
        if (!r.lastError().isEmpty()) {
            json.name("lastError").value(r.lastError());
        }
        json.name("evaluationTime").jsonValue(goJsonNumber(r.evaluationTimeSeconds()));
        json.name("lastEvaluation").value(goTime(r.lastEvaluationMs()));
        json.name("type").value(r.rule() instanceof AlertingRule ? "alerting" : "recording");
        json.endObject();
    }

    private static void alert(JsonWriter json, ActiveAlert a) throws IOException {
        json.beginObject();
        labels(json.name("labels"), a.labels());
        labels(json.name("annotations"), a.annotations());
        json.name("state").value(a.state().apiName());
        json.name("activeAt").value(goTime(a.activeAtMs()));
        if (a.keepFiringSinceMs() != ActiveAlert.NONE) {
            json.name("keepFiringSince").value(goTime(a.keepFiringSinceMs()));
        }
        json.name("value").value(GoFloatFormat.exponent(a.value(), 'e'));
        json.endObject();
    }

    private static void labels(JsonWriter json, Labels labels) throws IOException {
        json.beginObject();
        for (int i = 0; i < labels.size(); i++) {
            json.name(labels.name(i)).value(labels.value(i));
        }
        json.endObject();
    }

    private static void map(JsonWriter json, Map<String, String> map) throws IOException {
        json.beginObject();
        for (Map.Entry<String, String> e : map.entrySet()) {
            json.name(e.getKey()).value(e.getValue());
        }
        json.endObject();
    }

    /** Go's {@code time.Time} JSON text (RFC 3339 with the fraction's trailing zeros trimmed), UTC. */
    static String goTime(long ms) {
        if (ms == ActiveAlert.NONE) {
            return GO_ZERO_TIME;
        }
        String text = SECONDS.format(Instant.ofEpochMilli(ms));
        long fraction = Math.floorMod(ms, 1000L);
        if (fraction == 0) {
            return text + "Z";
        }
        return text + "." + String.format(Locale.ROOT, "%03d", fraction).replaceAll("0+$", "") + "Z";
    }

    /** A float64 as Go's {@code encoding/json} writes it: plain between 1e-6 and 1e21, else {@code 1e-7}. */
    static String goJsonNumber(double v) {
        if (v == 0) {
            return "0";
        }
        double abs = Math.abs(v);
        if (abs >= 1e-6 && abs < 1e21) {
            return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
        }
        return GoFloatFormat.exponent(v, 'e').replaceFirst("e([-+])0(\\d)$", "e$1$2");
    }
}
