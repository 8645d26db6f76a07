package io.sightline.query.rules.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sightline.query.rules.AlertingRule;
import io.sightline.query.rules.RecordingRule;
import io.sightline.query.rules.Rule;
import io.sightline.query.rules.RuleFileException;
import io.sightline.query.rules.RuleFiles;
import io.sightline.query.rules.RuleGroup;
import io.sightline.query.rules.RuleTests;

class SloRulesTest {
    private static Path resources() throws URISyntaxException {
        return Path.of(SloRulesTest.class.getResource("/rules/slo").toURI());
    }

    private static List<RuleGroup> generate(String objective, String window) {
        return SloRules.parse("t.yml", """
                slos:
                  - name: s
                    service: checkout
                    objective: %s
                    window: %s
                """.formatted(objective, window));
    }

    private static AlertingRule alert(RuleGroup g, String name) {
        return g.rules().stream().filter(r -> r.name().equals(name)).map(AlertingRule.class::cast).findFirst().orElseThrow();
    }

    @Test
    void theWorkbooksWindowsAndBurnRatesOverThirtyDays() {
        long thirtyDays = 30L * 86_400_000;
        assertThat(BurnRateWindow.WORKBOOK).extracting(BurnRateWindow::severity, BurnRateWindow::longWindow,
                        BurnRateWindow::shortWindow, w -> w.factor(thirtyDays))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("page", "1h", "5m", new BigDecimal("14.4")),
                        org.assertj.core.groups.Tuple.tuple("page", "6h", "30m", new BigDecimal("6")),
                        org.assertj.core.groups.Tuple.tuple("ticket", "1d", "2h", new BigDecimal("3")),
                        org.assertj.core.groups.Tuple.tuple("ticket", "3d", "6h", new BigDecimal("1")));
        // other windows keep the budget shares: 2% of 28 days in 1h is 13.44×
        long fourWeeks = 28L * 86_400_000;
        assertThat(BurnRateWindow.WORKBOOK).extracting(w -> w.factor(fourWeeks).toPlainString())
                .containsExactly("13.44", "5.6", "2.8", "0.9333333333333333");
    }

    @Test
    void pageAndTicketAlertsAtNinetyNinePointNine() {
        RuleGroup g = generate("99.9", "30d").getFirst();
        assertThat(g.name()).isEqualTo("slo:s");
        AlertingRule page = alert(g, "SloErrorBudgetFastBurn");
        assertThat(page.expr()).isEqualTo("""
                (
                  slo:sli_error:ratio_rate1h{slo="s"} > (14.4 * 0.001)
                and
                  slo:sli_error:ratio_rate5m{slo="s"} > (14.4 * 0.001)
                )
                or
                (
                  slo:sli_error:ratio_rate6h{slo="s"} > (6 * 0.001)
                and
                  slo:sli_error:ratio_rate30m{slo="s"} > (6 * 0.001)
                )""");
        assertThat(page.labels()).containsExactly(Map.entry("severity", "page"));
        assertThat(page.forMs()).isZero();
        AlertingRule ticket = alert(g, "SloErrorBudgetSlowBurn");
        assertThat(ticket.expr()).isEqualTo("""
                (
                  slo:sli_error:ratio_rate1d{slo="s"} > (3 * 0.001)
                and
                  slo:sli_error:ratio_rate2h{slo="s"} > (3 * 0.001)
                )
                or
                (
                  slo:sli_error:ratio_rate3d{slo="s"} > (1 * 0.001)
                and
                  slo:sli_error:ratio_rate6h{slo="s"} > (1 * 0.001)
                )""");
        assertThat(ticket.labels()).containsExactly(Map.entry("severity", "ticket"));
    }

    @Test
    void ninetyNinePercentHasATenTimesLargerBudget() {
        RuleGroup g = generate("99", "30d").getFirst();
        assertThat(alert(g, "SloErrorBudgetFastBurn").expr())
                .contains("ratio_rate1h{slo=\"s\"} > (14.4 * 0.01)", "ratio_rate5m{slo=\"s\"} > (14.4 * 0.01)",
                        "ratio_rate6h{slo=\"s\"} > (6 * 0.01)", "ratio_rate30m{slo=\"s\"} > (6 * 0.01)");
        assertThat(alert(g, "SloErrorBudgetSlowBurn").expr())
                .contains("ratio_rate1d{slo=\"s\"} > (3 * 0.01)", "ratio_rate2h{slo=\"s\"} > (3 * 0.01)",
                        "ratio_rate3d{slo=\"s\"} > (1 * 0.01)", "ratio_rate6h{slo=\"s\"} > (1 * 0.01)");
        assertThat(recorded(g)).containsEntry("slo:objective:ratio", "vector(0.99)")
                .containsEntry("slo:error_budget:ratio", "vector(0.01)")
                .containsEntry("slo:time_period:days", "vector(30)")
                .containsEntry("slo:current_burn_rate:ratio", "slo:sli_error:ratio_rate5m{slo=\"s\"} / 0.01")
                .containsEntry("slo:period_burn_rate:ratio", "slo:sli_error:ratio_rate30d{slo=\"s\"} / 0.01")
                .containsKeys("slo:sli_error:ratio_rate5m", "slo:sli_error:ratio_rate30m", "slo:sli_error:ratio_rate1h",
                        "slo:sli_error:ratio_rate2h", "slo:sli_error:ratio_rate6h", "slo:sli_error:ratio_rate1d",
                        "slo:sli_error:ratio_rate3d", "slo:period_error_budget_remaining:ratio");
        // recordings come before the alerts that read them
        assertThat(g.rules().subList(0, g.rules().size() - 2)).allMatch(r -> r instanceof RecordingRule);
    }

    @Test
    void aGoodEventsPairIsTurnedIntoAnErrorRatio() {
        RuleGroup g = SloRules.parse("t.yml", """
                slos:
                  - name: s
                    service: api
                    objective: 99.5%
                    window: 4w
                    events:
                      good: 'sum(rate(ok_total[{{ .window }}]))'
                      total: 'sum(rate(all_total[{{.window}}]))'
                """).getFirst();
        assertThat(recorded(g)).containsEntry("slo:sli_error:ratio_rate1h",
                        "1 - (\n  (sum(rate(ok_total[1h])))\n  /\n  (sum(rate(all_total[1h])))\n)")
                .containsKey("slo:sli_error:ratio_rate4w").containsEntry("slo:time_period:days", "vector(28)");
        assertThat(alert(g, "SloErrorBudgetFastBurn").expr()).contains("> (13.44 * 0.005)");
    }

    @Test
    void theCheckedInRuleFileIsWhatTheDeclarationsGenerate() throws Exception {
        List<RuleGroup> groups = SloRules.parse(resources().resolve("checkout.slo.yml"));
        String golden = Files.readString(resources().resolve("checkout.rules.yml"), StandardCharsets.UTF_8);
        assertThat(golden.substring(golden.indexOf('\n') + 1)).isEqualTo(SloRules.asYaml(groups));
        assertThat(withoutFile(RuleFiles.parse("x", SloRules.asYaml(groups)))).isEqualTo(withoutFile(groups));
    }

    @Test
    void injectedErrorsFireThePageAlertWhichResolvesAfterThem() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean passed = RuleTests.run(resources().resolve("checkout_test.yml"),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(passed).as(out.toString(StandardCharsets.UTF_8)).isTrue();
    }

    @Test
    void problemsNameTheSloAndTheField() {
        assertThatThrownBy(() -> SloRules.parse("f.yml", """
                slos:
                  - name: a
                    service: checkout
                    objective: 100
                    window: 1d
                    colour: red
                    labels: {slo: x}
                  - name: b
                    objective: 99.9
                    events:
                      errors: 'sum(rate(e[5m]))'
                      total: 'sum(rate(t[{{.window}}]'
                  - name: a
                    service: x
                    objective: abc
                    events: {from: logs}
                  - service: y
                    objective: 99
                """))
                .isInstanceOf(RuleFileException.class)
                .extracting(e -> ((RuleFileException) e).problems()).asInstanceOf(
                        org.assertj.core.api.InstanceOfAssertFactories.list(String.class))
                .containsExactlyInAnyOrder(
                        "f.yml: 6:5: slo \"a\": field colour not found in type slo",
                        "f.yml: 4:16: slo \"a\": objective: must be a percentage above 0 and below 100, got 100",
                        "f.yml: 5:13: slo \"a\": window: must be at least 3d (the longest alert window), got 1d",
                        "f.yml: 7:13: slo \"a\": labels: \"slo\" is set by the generator or invalid (reserved: __name__, slo, service, severity)",
                        "f.yml: 8:5: slo \"b\": service: must be set",
                        "f.yml: 11:15: slo \"b\": events: errors: must hold {{.window}} where each alert window's range goes, e.g. rate(x[{{.window}}])",
                        "f.yml: 12:14: slo \"b\": events: total: could not parse expression: 1:15: parse error: unexpected end of input in call to function \"rate\", expected \")\"",
                        "f.yml: 15:16: slo \"a\": objective: not a number: \"abc\"",
                        "f.yml: 16:13: slo \"a\": events: from: unknown source \"logs\" (known: span-metrics)",
                        "f.yml: 17:5: slo #4: name: must be set");
    }

    private static Map<String, String> recorded(RuleGroup g) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Rule r : g.rules()) {
            if (r instanceof RecordingRule rec) {
                out.put(rec.record(), rec.expr());
            }
        }
        return out;
    }

    private static List<RuleGroup> withoutFile(List<RuleGroup> groups) {
        return groups.stream().map(g -> new RuleGroup(g.name(), g.intervalMs(), g.limit(), g.queryOffsetMs(), g.rules(), ""))
                .toList();
    }
}
