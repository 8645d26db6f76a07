package io.sightline.query.alerting.notify;

import io.sightline.query.promql.parser.GoStrings;
import io.sightline.storage.tsdb.LabelMatcher;

/**
 * The built-in notifier's configuration written as the Alertmanager configuration it behaves like, for
 * {@code /api/v2/status}'s {@code config.original} ({@code amtool config show}): a root route to the
 * first receiver, one route per further receiver with {@code continue: true}, the inhibition rules and
 * the webhook receivers. Informational only: nothing reads it back. Stateless; thread-safe.
 */
final class AlertmanagerConfigYaml {
    private AlertmanagerConfigYaml() {
    }

    static String of(NotificationConfig config) {
        StringBuilder out = new StringBuilder(512);
        out.append("route:\n");
        var receivers = config.receivers();
        out.append("  receiver: ").append(receivers.isEmpty() ? "\"\"" : quote(receivers.getFirst().name())).append('\n');
        if (receivers.size() > 1) {
            out.append("  routes:\n");
            for (WebhookReceiverConfig r : receivers) {
                out.append("  - receiver: ").append(quote(r.name())).append("\n    continue: true\n");
            }
        }
        if (!config.inhibition().effectiveRules().isEmpty()) {
            out.append("inhibit_rules:\n");
            for (InhibitRule rule : config.inhibition().effectiveRules()) {
                out.append("- source_matchers:\n");
                rule.sourceMatchers().forEach(m -> out.append("  - ").append(quote(matcher(m))).append('\n'));
                out.append("  target_matchers:\n");
                rule.targetMatchers().forEach(m -> out.append("  - ").append(quote(matcher(m))).append('\n'));
                if (!rule.equal().isEmpty()) {
                    out.append("  equal:\n");
                    rule.equal().forEach(n -> out.append("  - ").append(quote(n)).append('\n'));
                }
            }
        }
        out.append("receivers:\n");
        for (WebhookReceiverConfig r : receivers) {
            out.append("- name: ").append(quote(r.name())).append('\n')
                    .append("  webhook_configs:\n")
                    .append("  - send_resolved: ").append(r.sendResolved()).append('\n')
                    .append("    url: ").append(quote(r.url().toString())).append('\n')
                    .append("    max_alerts: ").append(r.maxAlerts()).append('\n');
        }
        return out.toString();
    }

    private static String matcher(LabelMatcher m) {
        return m.name() + m.type().symbol() + GoStrings.quote(m.value());
    }

    /** A YAML double-quoted scalar (Go's quoting is valid YAML for the characters labels use). */
    private static String quote(String text) {
        return GoStrings.quote(text);
    }
}
