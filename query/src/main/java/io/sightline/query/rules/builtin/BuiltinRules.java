package io.sightline.query.rules.builtin;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.sightline.query.promql.parser.Durations;
import io.sightline.query.rules.AlertingRule;
import io.sightline.query.rules.Rule;
import io.sightline.query.rules.RuleFiles;
import io.sightline.query.rules.RuleGroup;

/**
 * The built-in RED rule pack: errors, latency and a throughput drop of every service seen in span
 * metrics, without naming any (every rule aggregates {@code by (service_name)} over SERVER spans, so
 * a new service is covered from its first span). Ordinary alerting rules: the appliance loads them
 * beside the user's and can write them out ({@link #asYaml}) for a user to copy and edit. Stateless.
 */
public final class BuiltinRules {
    /** The {@code file} of the pack's group, as {@code /api/v1/rules} shows it. */
    public static final String FILE = "builtin:red";
    static final String CALLS = "traces_span_metrics_calls_total";
    static final String BUCKETS = "traces_span_metrics_duration_seconds_bucket";
    static final String SERVER = "span_kind=\"SPAN_KIND_SERVER\"";

    private BuiltinRules() {
    }

    /** The pack as one group (empty when every rule is switched off). */
    public static List<RuleGroup> red(BuiltinRulesConfig config) {
        List<Rule> rules = new ArrayList<>();
        if (config.errorRatio().enabled()) {
            rules.add(errorRatio(config.errorRatio()));
        }
        if (config.latency().enabled()) {
            rules.add(latency(config.latency()));
        }
        if (config.throughputDrop().enabled()) {
            rules.add(throughputDrop(config.throughputDrop()));
        }
        if (rules.isEmpty()) {
            return List.of();
        }
        return List.of(new RuleGroup(config.groupName(), config.intervalMs(), 0, 0, rules, FILE));
    }

    /** The pack as a Prometheus rule file that {@link RuleFiles#parse(String, String)} reads back to {@link #red}. */
    public static String asYaml(BuiltinRulesConfig config) {
        return "# Sightline's built-in RED rules (BuiltinRules); copy, edit and load as an ordinary rule file.\n"
                + RuleFiles.format(red(config));
    }

    private static AlertingRule errorRatio(BuiltinRulesConfig.ErrorRatio c) {
        String w = Durations.format(c.windowMs());
        String expr = "sum by (service_name) (rate(" + CALLS + "{" + SERVER + ", status_code=\"STATUS_CODE_ERROR\"}[" + w
                + "]))\n/\nsum by (service_name) (rate(" + CALLS + "{" + SERVER + "}[" + w + "]))\n> " + number(c.threshold());
        return new AlertingRule("ServiceHighErrorRatio", expr, c.forMs(), 0, Map.of("severity", c.severity()), Map.of(
                "summary", "{{ $labels.service_name }}: {{ $value | humanizePercentage }} of server calls fail",
                "description", "{{ $value | humanizePercentage }} of the SERVER spans of {{ $labels.service_name }} ended"
                        + " with an error status over the last " + w + " (threshold " + percent(c.threshold()) + ")."));
    }

    private static AlertingRule latency(BuiltinRulesConfig.Latency c) {
        String w = Durations.format(c.windowMs());
        String q = "p" + new BigDecimal(number(c.quantile())).movePointRight(2).stripTrailingZeros().toPlainString();
        String expr = "histogram_quantile(" + number(c.quantile()) + ", sum by (service_name, le) (rate(" + BUCKETS
                + "{" + SERVER + "}[" + w + "])))\n> " + number(c.thresholdSeconds());
        return new AlertingRule("ServiceHighLatency", expr, c.forMs(), 0, Map.of("severity", c.severity()), Map.of(
                "summary", "{{ $labels.service_name }}: " + q + " latency is {{ $value | humanizeDuration }}",
                "description", "The " + q + " duration of the SERVER spans of {{ $labels.service_name }} over the last "
                        + w + " is {{ $value | humanizeDuration }} (threshold " + number(c.thresholdSeconds()) + "s)."));
    }

    private static AlertingRule throughputDrop(BuiltinRulesConfig.ThroughputDrop c) {
        String w = Durations.format(c.windowMs());
        String ago = Durations.format(c.comparedWithMs());
        String now = "sum by (service_name) (rate(" + CALLS + "{" + SERVER + "}[" + w + "]))";
        String before = "sum by (service_name) (rate(" + CALLS + "{" + SERVER + "}[" + w + "] offset " + ago + "))";
        String expr = "(\n  " + now + "\n  or\n  0 * " + before + "\n)\n< " + number(c.dropRatio()) + " * " + before
                + "\nand\n" + before + " >= " + number(c.minRequestsPerSecond());
        return new AlertingRule("ServiceThroughputDrop", expr, c.forMs(), 0, Map.of("severity", c.severity()), Map.of(
                "summary", "{{ $labels.service_name }}: server calls dropped to {{ $value | humanize }}/s",
                "description", "{{ $labels.service_name }} served {{ $value | humanize }} calls/s over the last " + w
                        + ", less than " + percent(c.dropRatio()) + " of its rate " + ago + " earlier (services under "
                        + number(c.minRequestsPerSecond()) + " calls/s then are not watched)."));
    }

    /** A threshold as PromQL text: shortest decimal form ({@code 0.05}, {@code 1}). */
    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String percent(double ratio) {
        return BigDecimal.valueOf(ratio).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }
}
