package io.sightline.query.alerting.notify;

import java.util.List;

import io.sightline.query.promql.parser.GoStrings;
import io.sightline.storage.tsdb.Labels;

/**
 * Alertmanager's webhook message, version "4" ({@code notify/webhook}'s {@code Message} embedding
 * {@code template.Data}), byte for byte as its Go encoder writes it: {@code receiver}, {@code status},
 * {@code alerts[]} ({@code status}, {@code labels}, {@code annotations}, {@code startsAt},
 * {@code endsAt}, {@code generatorURL}, {@code fingerprint}), {@code groupLabels}, {@code commonLabels},
 * {@code commonAnnotations}, {@code externalURL}, {@code version}, {@code groupKey},
 * {@code truncatedAlerts}, then a newline. The group is resolved only when every alert in it is.
 */
final class WebhookPayload {
    private WebhookPayload() {
    }

    /**
     * @param alerts    the alerts to send, in order, already cut to {@code max_alerts}
     * @param truncated how many were cut
     */
    static String encode(String receiver, String groupKey, Labels groupLabels, List<AggregationGroup.Flushed> alerts,
                         int truncated, String externalUrl) {
        boolean allResolved = alerts.stream().allMatch(AggregationGroup.Flushed::resolved);
        StringBuilder out = new StringBuilder(512 + 384 * alerts.size());
        out.append('{');
        GoJson.key(out, "receiver");
        GoJson.string(out, quoteMeta(receiver));
        out.append(',');
        GoJson.key(out, "status");
        GoJson.string(out, allResolved ? "resolved" : "firing");
        out.append(',');
        GoJson.key(out, "alerts");
        out.append('[');
        for (int i = 0; i < alerts.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            alert(out, alerts.get(i));
        }
        out.append("],");
        GoJson.key(out, "groupLabels");
        GoJson.labels(out, groupLabels);
        out.append(',');
        GoJson.key(out, "commonLabels");
        GoJson.labels(out, common(alerts, true));
        out.append(',');
        GoJson.key(out, "commonAnnotations");
        GoJson.labels(out, common(alerts, false));
        out.append(',');
        GoJson.key(out, "externalURL");
        GoJson.string(out, externalUrl);
        out.append(',');
        GoJson.key(out, "version");
        GoJson.string(out, "4");
        out.append(',');
        GoJson.key(out, "groupKey");
        GoJson.string(out, groupKey);
        out.append(',');
        GoJson.key(out, "truncatedAlerts");
        out.append(truncated);
        return out.append("}\n").toString();
    }

    /** Alertmanager's group key: the route's key (a root route: {@code {}}), a colon, the group labels as Go prints a LabelSet. */
    static String groupKey(Labels groupLabels) {
        StringBuilder out = new StringBuilder("{}:{");
        for (int i = 0; i < groupLabels.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(groupLabels.name(i)).append('=').append(GoStrings.quote(groupLabels.value(i)));
        }
        return out.append('}').toString();
    }

    private static void alert(StringBuilder out, AggregationGroup.Flushed flushed) {
        var alert = flushed.alert();
        out.append('{');
        GoJson.key(out, "status");
        GoJson.string(out, flushed.resolved() ? "resolved" : "firing");
        out.append(',');
        GoJson.key(out, "labels");
        GoJson.labels(out, alert.labels());
        out.append(',');
        GoJson.key(out, "annotations");
        GoJson.labels(out, alert.annotations());
        out.append(',');
        GoJson.key(out, "startsAt");
        GoJson.string(out, GoJson.goTime(alert.startsAtMs()));
        out.append(',');
        GoJson.key(out, "endsAt");
        GoJson.string(out, flushed.resolved() ? GoJson.goTime(alert.endsAtMs()) : GoJson.ZERO_TIME);
        out.append(',');
        GoJson.key(out, "generatorURL");
        GoJson.string(out, alert.generatorUrl());
        out.append(',');
        GoJson.key(out, "fingerprint");
        GoJson.string(out, Fingerprints.hex(Fingerprints.of(alert.labels())));
        out.append('}');
    }

    /** The labels (or annotations) every alert has with the same value. */
    private static Labels common(List<AggregationGroup.Flushed> alerts, boolean labels) {
        if (alerts.isEmpty()) {
            return Labels.EMPTY;
        }
        Labels first = labels ? alerts.getFirst().alert().labels() : alerts.getFirst().alert().annotations();
        Labels.Builder common = first.toBuilder();
        for (AggregationGroup.Flushed f : alerts.subList(1, alerts.size())) {
            Labels other = labels ? f.alert().labels() : f.alert().annotations();
            first.forEach((name, value) -> {
                if (!value.equals(other.get(name))) {
                    common.delete(name);
                }
            });
        }
        return common.build();
    }

    /** Go's {@code regexp.QuoteMeta}: a backslash before each of {@code \.+*?()|[]{}^$}. */
    static String quoteMeta(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
