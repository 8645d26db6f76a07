package io.sightline.query.rules.slo;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.Collections;

/**
 * One SLO as its file declares it. Immutable.
 *
 * @param name             unique in its file; the {@code slo} label of every generated series and alert
 * @param service          the {@code service} label; for span metrics also the {@code service_name} counted
 * @param objectivePercent share of good events promised, 0 &lt; objective &lt; 100 (e.g. 99.9)
 * @param windowMs         the SLO window the budget is spent over, at least {@link BurnRateWindow#LONGEST_WINDOW_MS}
 * @param events           how good, bad and total events are counted
 * @param labels           added to every generated series (and so to the alerts)
 */
public record SloDeclaration(String name, String service, BigDecimal objectivePercent, long windowMs, SloEvents events,
                             Map<String, String> labels) {
    public SloDeclaration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(objectivePercent, "objectivePercent");
        Objects.requireNonNull(events, "events");
        SortedMap<String, String> copy = new TreeMap<>(labels);
        labels = Collections.unmodifiableSortedMap(copy);
    }

    /** The error budget as a ratio: {@code 1 − objective}, exact (99.9 → 0.001). */
    public BigDecimal errorBudget() {
        return BigDecimal.valueOf(100).subtract(objectivePercent).movePointLeft(2).stripTrailingZeros();
    }

    /** The objective as a ratio, exact (99.9 → 0.999). */
    public BigDecimal objective() {
        return objectivePercent.movePointLeft(2).stripTrailingZeros();
    }
}
