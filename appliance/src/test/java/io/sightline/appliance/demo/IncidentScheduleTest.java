package io.sightline.appliance.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.sightline.sample.services.FaultSettings;
import org.junit.jupiter.api.Test;

class IncidentScheduleTest {
    @Test
    void aSlowDatabaseFromMinuteThreeToTenThenFailingOrdersFromFifteenToTwentyTwoEveryThirtyMinutes() {
        assertNoFaults(Duration.ZERO);
        assertNoFaults(Duration.ofSeconds(179));
        assertThat(at(Duration.ofMinutes(3)).get("inventory").dependencyLatency()).isEqualTo(Duration.ofMillis(1500));
        assertThat(at(Duration.ofSeconds(599)).get("inventory").dependencyLatency()).isEqualTo(Duration.ofMillis(1500));
        assertThat(at(Duration.ofSeconds(599)).get("orders")).isEqualTo(FaultSettings.none());
        assertNoFaults(Duration.ofMinutes(10));
        assertNoFaults(Duration.ofSeconds(899));
        assertThat(at(Duration.ofMinutes(15)).get("orders").errorRate()).isEqualTo(0.25);
        assertThat(at(Duration.ofMinutes(21)).get("inventory")).isEqualTo(FaultSettings.none());
        assertNoFaults(Duration.ofMinutes(22));
        assertThat(at(Duration.ofMinutes(30 + 4))).isEqualTo(at(Duration.ofMinutes(4)));
        assertThat(at(Duration.ofMinutes(60 + 16))).isEqualTo(at(Duration.ofMinutes(16)));
    }

    @Test
    void eachChangeIsDescribedForTheConsole() {
        assertThat(IncidentSchedule.describe(at(Duration.ofMinutes(4)))).contains("inventory's database is 1500 ms slower");
        assertThat(IncidentSchedule.describe(at(Duration.ofMinutes(16)))).contains("orders fails 25% of its requests");
        assertThat(IncidentSchedule.describe(at(Duration.ofMinutes(23)))).isEqualTo("incident resolved: no faults");
    }

    private static Map<String, FaultSettings> at(Duration elapsed) {
        return IncidentSchedule.faultsAt(elapsed);
    }

    private static void assertNoFaults(Duration elapsed) {
        assertThat(at(elapsed)).as("at %s", elapsed).containsOnlyKeys("frontend", "orders", "inventory")
                .allSatisfy((service, faults) -> assertThat(faults).isEqualTo(FaultSettings.none()));
    }
}
