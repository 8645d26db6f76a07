package io.sightline.appliance.demo;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sightline.sample.services.FaultSettings;

/**
 * The demo's {@code --incident}: a thirty-minute cycle of two incidents that start and end by
 * themselves, long enough for the built-in RED alerts (5 minutes over their threshold) to fire and
 * then resolve, and for the UI to have a regression to explain. Minutes 3-10: inventory's database
 * answers 1.5 s slower (a slow dependency: p99 latency climbs past 1 s through orders and frontend).
 * Minutes 15-22: orders fails a quarter of its requests (errors surface at the frontend). Otherwise no
 * fault. A pure function of the time since the demo started.
 */
final class IncidentSchedule {
    static final Duration CYCLE = Duration.ofMinutes(30);
    static final List<String> SERVICES = List.of("frontend", "orders", "inventory");

    private static final FaultSettings SLOW_DATABASE = new FaultSettings(0, Duration.ZERO, Duration.ofMillis(1500), 0);
    private static final FaultSettings FAILING_ORDERS = new FaultSettings(0.25, Duration.ZERO, Duration.ZERO, 0);

    private IncidentSchedule() {
    }

    /** Each service's faults {@code elapsed} after the start. */
    static Map<String, FaultSettings> faultsAt(Duration elapsed) {
        long minute = elapsed.toMillis() % CYCLE.toMillis() / 60_000;
        Map<String, FaultSettings> faults = new LinkedHashMap<>();
        for (String service : SERVICES) {
            faults.put(service, FaultSettings.none());
        }
        if (minute >= 3 && minute < 10) {
            faults.put("inventory", SLOW_DATABASE);
        } else if (minute >= 15 && minute < 22) {
            faults.put("orders", FAILING_ORDERS);
        }
        return faults;
    }

    /** What a user reads when the schedule changes to {@code faults}. */
    static String describe(Map<String, FaultSettings> faults) {
        if (faults.get("inventory").dependencyLatency().compareTo(Duration.ZERO) > 0) {
            return "incident: inventory's database is " + faults.get("inventory").dependencyLatency().toMillis()
                    + " ms slower (until minute 10 of the cycle)";
        }
        if (faults.get("orders").errorRate() > 0) {
            return "incident: orders fails " + Math.round(faults.get("orders").errorRate() * 100)
                    + "% of its requests (until minute 22 of the cycle)";
        }
        return "incident resolved: no faults";
    }
}
