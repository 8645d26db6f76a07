package io.sightline.query.rules.slo;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.sightline.query.promql.parser.Durations;
import io.sightline.query.promql.parser.GoStrings;
import io.sightline.query.rules.AlertingRule;
import io.sightline.query.rules.RecordingRule;
import io.sightline.query.rules.Rule;
import io.sightline.query.rules.RuleGroup;

/**
 * The rules of one SLO, in evaluation order (a later rule reads an earlier one's series): the error
 * ratio over every alert window and the SLO window, the objective and budget series, then the page
 * and ticket alerts over the recorded ratios. Names follow Sloth's {@code slo:*} scheme so its
 * dashboards apply. Stateless.
 */
final class SloRuleGenerator {
    static final String ERROR_RATIO = "slo:sli_error:ratio_rate";
    static final String PAGE_ALERT = "SloErrorBudgetFastBurn";
    static final String TICKET_ALERT = "SloErrorBudgetSlowBurn";

    private SloRuleGenerator() {
    }

    static RuleGroup group(SloDeclaration slo, String file) {
        Map<String, String> labels = new LinkedHashMap<>(slo.labels());
        labels.put("slo", slo.name());
        labels.put("service", slo.service());
        String selector = "{slo=" + GoStrings.quote(slo.name()) + "}";
        String budget = slo.errorBudget().toPlainString();
        String period = Durations.format(slo.windowMs());

        List<Rule> rules = new ArrayList<>();
        for (String window : windows(period)) {
            rules.add(new RecordingRule(ERROR_RATIO + window, slo.events().errorRatio(slo.service(), window), labels));
        }
        rules.add(new RecordingRule("slo:objective:ratio", "vector(" + slo.objective().toPlainString() + ")", labels));
        rules.add(new RecordingRule("slo:error_budget:ratio", "vector(" + budget + ")", labels));
        BigDecimal days = BigDecimal.valueOf(slo.windowMs()).divide(BigDecimal.valueOf(86_400_000L), MathContext.DECIMAL64);
        rules.add(new RecordingRule("slo:time_period:days", "vector(" + days.stripTrailingZeros().toPlainString() + ")",
                labels));
        rules.add(new RecordingRule("slo:current_burn_rate:ratio", ERROR_RATIO + "5m" + selector + " / " + budget, labels));
        rules.add(new RecordingRule("slo:period_burn_rate:ratio", ERROR_RATIO + period + selector + " / " + budget,
                labels));
        rules.add(new RecordingRule("slo:period_error_budget_remaining:ratio",
                "1 - slo:period_burn_rate:ratio" + selector, labels));
        rules.add(alert(slo, "page", PAGE_ALERT, "fast", selector, period));
        rules.add(alert(slo, "ticket", TICKET_ALERT, "slowly", selector, period));
        return new RuleGroup("slo:" + slo.name(), 0, 0, 0, rules, file);
    }

    /** The alert and SLO windows, shortest first, each once (a 3d SLO window is also an alert window). */
    private static List<String> windows(String period) {
        Set<Long> ms = new TreeSet<>();
        for (BurnRateWindow w : BurnRateWindow.WORKBOOK) {
            ms.add(w.shortWindowMs());
            ms.add(w.longWindowMs());
        }
        List<String> out = new ArrayList<>(ms.stream().map(Durations::format).toList());
        if (!out.contains(period)) {
            out.add(period);
        }
        return out;
    }

    private static AlertingRule alert(SloDeclaration slo, String severity, String name, String speed, String selector,
                                      String period) {
        String budget = slo.errorBudget().toPlainString();
        List<String> branches = new ArrayList<>();
        List<String> explained = new ArrayList<>();
        for (BurnRateWindow w : BurnRateWindow.WORKBOOK) {
            if (!w.severity().equals(severity)) {
                continue;
            }
            String threshold = "(" + w.factor(slo.windowMs()).toPlainString() + " * " + budget + ")";
            branches.add("(\n  " + ERROR_RATIO + w.longWindow() + selector + " > " + threshold + "\nand\n  "
                    + ERROR_RATIO + w.shortWindow() + selector + " > " + threshold + "\n)");
            explained.add(w.factor(slo.windowMs()).toPlainString() + "× over " + w.longWindow() + " and "
                    + w.shortWindow() + " (" + w.budgetPercent() + "% of the budget in " + w.longWindow() + ")");
        }
        String objective = slo.objectivePercent().stripTrailingZeros().toPlainString();
        Map<String, String> annotations = Map.of(
                "summary", "SLO {{ $labels.slo }} of {{ $labels.service }} is burning its error budget " + speed,
                "description", "Error ratio {{ $value | humanizePercentage }} over the long window; the " + period
                        + " error budget is " + slo.errorBudget().movePointRight(2).toPlainString() + "% (objective "
                        + objective + "%). Fires at a burn rate of " + String.join(" or ", explained) + ".");
        return new AlertingRule(name, String.join("\nor\n", branches), 0, 0, Map.of("severity", severity), annotations);
    }
}
