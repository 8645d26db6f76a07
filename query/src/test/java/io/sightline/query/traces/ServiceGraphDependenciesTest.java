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
                .isEqualTo("sum by (client, server) (increase(traces_service_graph_request_total[86400000ms]))");
    }
}
