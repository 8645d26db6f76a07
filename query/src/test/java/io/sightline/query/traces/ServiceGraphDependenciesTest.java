package io.sightline.query.traces;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.sightline.query.promql.EngineConfig;
import io.sightline.query.promql.InMemoryQueryable;
import io.sightline.query.promql.PromqlEngine;
import io.sightline.storage.tsdb.Labels;
import org.junit.jupiter.api.Test;

/** {@link ServiceGraphDependencies} over service-graph counters in an in-memory TSDB stand-in. */
class ServiceGraphDependenciesTest {
    @Test
    void sumsTheIncreaseOfEachClientServerPairOverTheLookback() {
        InMemoryQueryable tsdb = new InMemoryQueryable();
        Labels webToPay = Labels.of("__name__", ServiceGraphDependencies.METRIC, "client", "web", "server", "pay", "job", "a");
        Labels webToPay2 = Labels.of("__name__", ServiceGraphDependencies.METRIC, "client", "web", "server", "pay", "job", "b");
        Labels payToDb = Labels.of("__name__", ServiceGraphDependencies.METRIC, "client", "pay", "server", "db");
        Labels idle = Labels.of("__name__", ServiceGraphDependencies.METRIC, "client", "cron", "server", "db");
        for (int i = 0; i <= 60; i++) {
            long t = i * 60_000L;
            tsdb.append(webToPay, t, 10 * i);
            tsdb.append(webToPay2, t, 5 * i);
            tsdb.append(payToDb, t, 2 * i);
            tsdb.append(idle, t, 7);
        }
        ServiceGraphDependencies source = new ServiceGraphDependencies(new PromqlEngine(EngineConfig.defaults()), tsdb);
        assertThat(source.dependencies(3_600_000L, Duration.ofMinutes(30))).containsExactly(
                new DependencySource.DependencyLink("pay", "db", 60),
                new DependencySource.DependencyLink("web", "pay", 450));
        assertThat(ServiceGraphDependencies.query(Duration.ofHours(24)))
                .isEqualTo("traces_service_graph_request_total[172800000ms]");
    }

    @Test
    void aSeriesBornInTheWindowCountsFromZeroAndAResetCountsAgainFromZero() {
        InMemoryQueryable tsdb = new InMemoryQueryable();
        Labels burst = Labels.of("__name__", ServiceGraphDependencies.METRIC, "client", "web", "server", "pay");
        Labels restarted = Labels.of("__name__", ServiceGraphDependencies.METRIC, "client", "pay", "server", "db");
        Labels before = Labels.of("__name__", ServiceGraphDependencies.METRIC, "client", "cron", "server", "db");
        // 1,514 calls before its first flush, then silence: increase() would say 0.
        for (long t = 40 * 60_000L; t <= 60 * 60_000L; t += 15_000) {
            tsdb.append(burst, t, 1514);
        }
        // 100 before the window, 130 inside, a restart (counter back to 5), then 25.
        tsdb.append(restarted, 29 * 60_000L, 100);
        tsdb.append(restarted, 35 * 60_000L, 130);
        tsdb.append(restarted, 45 * 60_000L, 5);
        tsdb.append(restarted, 55 * 60_000L, 25);
        // Only before the window: no call inside it.
        tsdb.append(before, 10 * 60_000L, 9);
        ServiceGraphDependencies source = new ServiceGraphDependencies(new PromqlEngine(EngineConfig.defaults()), tsdb);
        assertThat(source.dependencies(3_600_000L, Duration.ofMinutes(30))).containsExactly(
                new DependencySource.DependencyLink("pay", "db", 30 + 5 + 20),
                new DependencySource.DependencyLink("web", "pay", 1514));
    }
}
