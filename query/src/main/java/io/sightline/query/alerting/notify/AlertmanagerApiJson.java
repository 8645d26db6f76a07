package io.sightline.query.alerting.notify;

import java.util.List;

import io.sightline.query.alerting.PostableAlert;
import io.sightline.storage.tsdb.LabelMatcher;
import io.sightline.storage.tsdb.Labels;

/**
 * Alertmanager's API v2 answers as its go-openapi server writes them (0.25): each model's own fields in
 * alphabetical order, then those of the model it embeds ({@code GettableAlert} embeds {@code Alert},
 * {@code GettableSilence} embeds {@code Silence}); {@code omitempty} fields left out when empty; times
 * as {@code strfmt.DateTime} (milliseconds, UTC). Stateless; thread-safe.
 */
final class AlertmanagerApiJson {
    private AlertmanagerApiJson() {
    }

    /**
     * {@code gettableAlert}: annotations, endsAt, fingerprint, receivers, startsAt, status {inhibitedBy,
     * silencedBy, state}, updatedAt, then generatorURL (omitted when empty) and labels.
     */
    static void alert(StringBuilder out, PostableAlert alert, long updatedAtMs, List<String> receivers,
                      AlertStatus status) {
        out.append('{');
        GoJson.key(out, "annotations");
        GoJson.labels(out, alert.annotations());
        out.append(',');
        GoJson.key(out, "endsAt");
        GoJson.string(out, GoJson.openApiTime(alert.endsAtMs()));
        out.append(',');
        GoJson.key(out, "fingerprint");
        GoJson.string(out, Fingerprints.hex(Fingerprints.of(alert.labels())));
        out.append(',');
        GoJson.key(out, "receivers");
        out.append('[');
        for (int i = 0; i < receivers.size(); i++) {
            out.append(i > 0 ? "," : "");
            receiver(out, receivers.get(i));
        }
        out.append("],");
        GoJson.key(out, "startsAt");
        GoJson.string(out, GoJson.openApiTime(alert.startsAtMs()));
        out.append(',');
        GoJson.key(out, "status");
        out.append('{');
        GoJson.key(out, "inhibitedBy");
        strings(out, status.inhibitedBy());
        out.append(',');
        GoJson.key(out, "silencedBy");
        strings(out, status.silencedBy());
        out.append(',');
        GoJson.key(out, "state");
        GoJson.string(out, status.state());
        out.append("},");
        GoJson.key(out, "updatedAt");
        GoJson.string(out, GoJson.openApiTime(updatedAtMs));
        out.append(',');
        PostableAlertsJson.embeddedAlert(out, alert);
    }

    /** {@code gettableSilence}: id, status {state}, updatedAt, then comment, createdBy, endsAt, matchers, startsAt. */
    static void silence(StringBuilder out, Silence silence, long nowMs) {
        out.append('{');
        GoJson.key(out, "id");
        GoJson.string(out, silence.id());
        out.append(',');
        GoJson.key(out, "status");
        out.append('{');
        GoJson.key(out, "state");
        GoJson.string(out, silence.state(nowMs).apiName());
        out.append("},");
        GoJson.key(out, "updatedAt");
        GoJson.string(out, GoJson.openApiTime(silence.updatedAtMs()));
        out.append(',');
        GoJson.key(out, "comment");
        GoJson.string(out, silence.comment());
        out.append(',');
        GoJson.key(out, "createdBy");
        GoJson.string(out, silence.createdBy());
        out.append(',');
        GoJson.key(out, "endsAt");
        GoJson.string(out, GoJson.openApiTime(silence.endsAtMs()));
        out.append(',');
        GoJson.key(out, "matchers");
        out.append('[');
        for (int i = 0; i < silence.matchers().size(); i++) {
            LabelMatcher m = silence.matchers().get(i);
            out.append(i > 0 ? "," : "");
            boolean isRegex = m.type() == LabelMatcher.Type.REGEX || m.type() == LabelMatcher.Type.NOT_REGEX;
            boolean isEqual = m.type() == LabelMatcher.Type.EQUAL || m.type() == LabelMatcher.Type.REGEX;
            out.append("{\"isEqual\":").append(isEqual).append(",\"isRegex\":").append(isRegex).append(',');
            GoJson.key(out, "name");
            GoJson.string(out, m.name());
            out.append(',');
            GoJson.key(out, "value");
            GoJson.string(out, m.value());
            out.append('}');
        }
        out.append("],");
        GoJson.key(out, "startsAt");
        GoJson.string(out, GoJson.openApiTime(silence.startsAtMs()));
        out.append('}');
    }

    /** {@code receiver}: {@code {"name":…}}. */
    static void receiver(StringBuilder out, String name) {
        out.append('{');
        GoJson.key(out, "name");
        GoJson.string(out, name);
        out.append('}');
    }

    /** An error as Alertmanager's handlers answer most: the message as a JSON string. */
    static String message(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        GoJson.string(out, text);
        return out.toString();
    }

    /** go-openapi's validation error: {@code {"code":…,"message":…}}. */
    static String validationError(int code, String text) {
        StringBuilder out = new StringBuilder(text.length() + 24);
        out.append("{\"code\":").append(code).append(',');
        GoJson.key(out, "message");
        GoJson.string(out, text);
        return out.append('}').toString();
    }

    static void strings(StringBuilder out, List<String> values) {
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            out.append(i > 0 ? "," : "");
            GoJson.string(out, values.get(i));
        }
        out.append(']');
    }

    static void labels(StringBuilder out, Labels labels) {
        GoJson.labels(out, labels);
    }
}
