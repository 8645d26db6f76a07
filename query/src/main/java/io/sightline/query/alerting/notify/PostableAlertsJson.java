package io.sightline.query.alerting.notify;

import java.util.List;

import io.sightline.query.alerting.PostableAlert;

/**
 * The body of Alertmanager's {@code POST /api/v2/alerts} as Prometheus marshals its
 * {@code models.PostableAlerts}: an array of {@code {"annotations","endsAt","startsAt","generatorURL",
 * "labels"}} in that order (go-openapi writes the alert's own fields, then the embedded ones), empty
 * annotations and an empty generator URL left out ({@code omitempty}), times as {@code strfmt.DateTime}.
 */
final class PostableAlertsJson {
    private PostableAlertsJson() {
    }

    static String encode(List<PostableAlert> alerts) {
        StringBuilder out = new StringBuilder(256 * alerts.size() + 2);
        out.append('[');
        for (int i = 0; i < alerts.size(); i++) {
            PostableAlert alert = alerts.get(i);
            if (i > 0) {
                out.append(',');
            }
            out.append('{');
            if (!alert.annotations().isEmpty()) {
                GoJson.key(out, "annotations");
                GoJson.labels(out, alert.annotations());
                out.append(',');
            }
            GoJson.key(out, "endsAt");
            GoJson.string(out, GoJson.openApiTime(alert.endsAtMs()));
            out.append(',');
            GoJson.key(out, "startsAt");
            GoJson.string(out, GoJson.openApiTime(alert.startsAtMs()));
            out.append(',');
            embeddedAlert(out, alert);
        }
        return out.append(']').toString();
    }

    /**
     * The fields of go-openapi's {@code models.Alert}, which postable and gettable alerts embed and
     * write last: {@code generatorURL} (left out when empty), {@code labels}; then the closing brace.
     */
    static void embeddedAlert(StringBuilder out, PostableAlert alert) {
        if (!alert.generatorUrl().isEmpty()) {
            GoJson.key(out, "generatorURL");
            GoJson.string(out, alert.generatorUrl());
            out.append(',');
        }
        GoJson.key(out, "labels");
        GoJson.labels(out, alert.labels());
        out.append('}');
    }
}
