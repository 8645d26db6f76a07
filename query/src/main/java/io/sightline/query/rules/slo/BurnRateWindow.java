package io.sightline.query.rules.slo;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

import io.sightline.query.promql.parser.Durations;

/**
 * One pair of windows of a multi-window, multi-burn-rate alert (the Google SRE workbook, "Alerting on
 * SLOs", chapter 5): the alert condition holds when the error ratio over both the long and the short
 * window is above {@code factor × (1 − objective)}. The long window says enough budget was spent; the
 * short one (1/12 of it) says it is still being spent, so the alert resolves minutes after the errors
 * stop instead of hours.
 *
 * <p>The factor is derived from the share of the whole SLO window's budget the long window may spend:
 * spending {@code budgetPercent}% of a period {@code P} within {@code L} is a burn rate of
 * {@code budgetPercent/100 × P / L}. Over 30 days the four pairs give the workbook's 14.4, 6, 3 and 1.
 *
 * @param severity      {@code page} (fast burn) or {@code ticket} (slow burn)
 * @param longWindowMs  the long window, ms
 * @param shortWindowMs the short window, ms
 * @param budgetPercent share of the SLO window's error budget spent over the long window at the threshold
 */
public record BurnRateWindow(String severity, long longWindowMs, long shortWindowMs, int budgetPercent) {
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    /**
     * The workbook's pairs, as Sloth and Pyrra generate them: page on 2% of the budget in 1h (5m) or 5%
     * in 6h (30m); ticket on 10% in 1d (2h) or 10% in 3d (6h).
     */
    public static final List<BurnRateWindow> WORKBOOK = List.of(
            new BurnRateWindow("page", HOUR, 5 * MINUTE, 2),
            new BurnRateWindow("page", 6 * HOUR, 30 * MINUTE, 5),
            new BurnRateWindow("ticket", DAY, 2 * HOUR, 10),
            new BurnRateWindow("ticket", 3 * DAY, 6 * HOUR, 10));

    /** The longest window of any pair: an SLO window must be at least this long. */
    public static final long LONGEST_WINDOW_MS = 3 * DAY;

    /** The burn-rate factor over an SLO window of {@code periodMs}: exact where it terminates, else 16 digits. */
    public BigDecimal factor(long periodMs) {
        BigDecimal spent = BigDecimal.valueOf(budgetPercent).multiply(BigDecimal.valueOf(periodMs));
        BigDecimal over = BigDecimal.valueOf(100).multiply(BigDecimal.valueOf(longWindowMs));
        try {
            return spent.divide(over).stripTrailingZeros();
        } catch (ArithmeticException nonTerminating) {
            return spent.divide(over, MathContext.DECIMAL64).stripTrailingZeros();
        }
    }

    /** The long window as a Prometheus duration ({@code 1h}, {@code 3d}). */
    public String longWindow() {
        return Durations.format(longWindowMs);
    }

    /** The short window as a Prometheus duration ({@code 5m}, {@code 6h}). */
    public String shortWindow() {
        return Durations.format(shortWindowMs);
    }
}
