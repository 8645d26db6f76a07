package io.sightline.query.api.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sightline.query.alerting.AlertNotifier;
import io.sightline.query.promql.EngineConfig;
import io.sightline.query.promql.PromqlEngine;
import io.sightline.query.rules.AlertingRule;
import io.sightline.query.rules.RecordingRule;
import io.sightline.query.rules.RuleEvaluator;
import io.sightline.query.rules.RuleEvaluatorConfig;
import io.sightline.query.rules.RuleGroup;

/** {@code /api/v1/rules} and {@code /api/v1/alerts} in Prometheus's shapes, from a real evaluator. */
class PrometheusRulesApiTest {
    @TempDir
    Path dir;
    private PromApiServer server;
    private RuleEvaluator evaluator;
    private final RuleGroup group = new RuleGroup("g", 30_000, 0, 0, List.of(
            new AlertingRule("DbDown", "up  ==  0", 0, 0, Map.of("severity", "page"),
                    Map.of("summary", "{{ $labels.instance }} down")),
            new RecordingRule("job:up:sum", "sum by (job) (up)", Map.of())), "rules.yml");

    @BeforeEach
    void start() {
        server = new PromApiServer(dir, tsdb -> {
            evaluator = new RuleEvaluator(new PromqlEngine(EngineConfig.defaults()), tsdb, samples -> { },
                    AlertNotifier.NONE, RuleEvaluatorConfig.defaults(), () -> 0L);
            evaluator.replaceGroups(List.of(group), PromApiServer.NOW);
            return evaluator;
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String ok(String data) {
        return "{\"status\":\"success\",\"data\":" + data + "}";
    }

    @Test
    void rulesAndAlertsInPrometheusShapes() {
        assertThat(server.get("/api/v1/rules?type=alert").body()).isEqualTo(ok("{\"groups\":[{\"name\":\"g\","
                + "\"file\":\"rules.yml\",\"rules\":[{\"state\":\"inactive\",\"name\":\"DbDown\",\"query\":\"up == 0\","
                + "\"duration\":0,\"keepFiringFor\":0,\"labels\":{\"severity\":\"page\"},"
                + "\"annotations\":{\"summary\":\"{{ $labels.instance }} down\"},\"alerts\":[],\"health\":\"unknown\","
                + "\"evaluationTime\":0,\"lastEvaluation\":\"0001-01-01T00:00:00Z\",\"type\":\"alerting\"}],"
                + "\"interval\":30,\"limit\":0,\"evaluationTime\":0,\"lastEvaluation\":\"0001-01-01T00:00:00Z\"}]}"));
        evaluator.evaluate(group, PromApiServer.NOW);
        evaluator.evaluate(group, PromApiServer.NOW + 30_500);
        String alert = "{\"labels\":{\"alertname\":\"DbDown\",\"instance\":\"b:1\",\"job\":\"db\",\"severity\":\"page\"},"
                + "\"annotations\":{\"summary\":\"b:1 down\"},\"state\":\"firing\",\"activeAt\":\"2023-11-14T22:23:20Z\","
                + "\"value\":\"0e+00\"}";
        assertThat(server.get("/api/v1/alerts").body()).isEqualTo(ok("{\"alerts\":[" + alert + "]}"));
        assertThat(server.get("/api/v1/rules?type=record").body()).isEqualTo(ok("{\"groups\":[{\"name\":\"g\","
                + "\"file\":\"rules.yml\",\"rules\":[{\"name\":\"job:up:sum\",\"query\":\"sum by (job) (up)\","
                + "\"health\":\"ok\",\"evaluationTime\":0,\"lastEvaluation\":\"2023-11-14T22:23:50.5Z\","
                + "\"type\":\"recording\"}],\"interval\":30,\"limit\":0,\"evaluationTime\":0,"
                + "\"lastEvaluation\":\"2023-11-14T22:23:50.5Z\"}]}"));
        assertThat(server.get("/api/v1/rules").body()).contains("\"state\":\"firing\"").contains(alert)
                .contains("\"type\":\"recording\"");
    }

    @Test
    void filtersOmitGroupsLeftWithoutRules() {
        assertThat(server.get("/api/v1/rules?rule_name[]=nothing").body()).isEqualTo(ok("{\"groups\":[]}"));
        assertThat(server.get("/api/v1/rules?rule_group[]=other").body()).isEqualTo(ok("{\"groups\":[]}"));
        assertThat(server.get("/api/v1/rules?file[]=other.yml").body()).isEqualTo(ok("{\"groups\":[]}"));
        assertThat(server.get("/api/v1/rules?rule_name[]=job:up:sum&file[]=rules.yml").body())
                .contains("job:up:sum").doesNotContain("DbDown");
        assertThat(server.get("/api/v1/rules?type=x").status()).isEqualTo(400);
    }
}
