package io.sightline.appliance.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.sightline.sample.services.FaultSettings;
import org.junit.jupiter.api.Test;

class IncidentScheduleTest {
    @Test
    void aSlowDatabaseFromMinuteThreeToSixThenFailingOrdersFromEightToTenEveryTwelveMinutes() {
        assertNoFaults(Duration.ZERO);
        assertNoFaults(Duration.ofSeconds(179));
        assertThat(at(Duration.ofMinutes(3)).get("inventory").dependencyLatency()).isEqualTo(Duration.ofMillis(600));
        assertThat(at(Duration.ofSeconds(359)).get("inventory").dependencyLatency()).isEqualTo(Duration.ofMillis(600));
        assertThat(at(Duration.ofSeconds(359)).get("orders")).isEqualTo(FaultSettings.none());
        assertNoFaults(Duration.ofMinutes(6));
        assertNoFaults(Duration.ofSeconds(479));
        assertThat(at(Duration.ofMinutes(8)).get("orders").errorRate()).isEqualTo(0.25);
        assertThat(at(Duration.ofMinutes(8)).get("inventory")).isEqualTo(FaultSettings.none());
        assertNoFaults(Duration.ofMinutes(10));
        assertThat(at(Duration.ofMinutes(12 + 4))).isEqualTo(at(Duration.ofMinutes(4)));
        assertThat(at(Duration.ofMinutes(24 + 9))).isEqualTo(at(Duration.ofMinutes(9)));
    }

    @Test
    void eachChangeIsDescribedForTheConsole() {
        assertThat(IncidentSchedule.describe(at(Duration.ofMinutes(4)))).contains("inventory's database is 600 ms slower");
        assertThat(IncidentSchedule.describe(at(Duration.ofMinutes(9)))).contains("orders fails 25% of its requests");
        assertThat(IncidentSchedule.describe(at(Duration.ofMinutes(11)))).isEqualTo("incident resolved: no faults");
    }

    private static Map<String, FaultSettings> at(Duration elapsed) {
        return IncidentSchedule.faultsAt(elapsed);
    }

    private static void assertNoFaults(Duration elapsed) {
        assertThat(at(elapsed)).as("at %s", elapsed).containsOnlyKeys("frontend", "orders", "inventory")
                .allSatisfy((service, faults) -> assertThat(faults).isEqualTo(FaultSettings.none()));
    }
}
