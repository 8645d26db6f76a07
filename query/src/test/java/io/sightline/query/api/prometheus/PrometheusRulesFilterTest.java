package io.sightline.query.api.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.sightline.query.alerting.AlertNotifier;
import io.sightline.query.promql.EngineConfig;
import io.sightline.query.promql.PromqlEngine;
import io.sightline.query.rules.AlertingRule;
import io.sightline.query.rules.RecordingRule;
import io.sightline.query.rules.RuleEvaluator;
import io.sightline.query.rules.RuleEvaluatorConfig;
import io.sightline.query.rules.RuleGroup;

/**
 * The filters and pages of {@code /api/v1/rules} over real HTTP, one table row per request: which
 * groups (as {@code file/group:rule,rule}, in the answer's order) and which next token come back, or
 * which error. Groups are loaded out of order; Prometheus answers them sorted by file, then name.
 */
class PrometheusRulesFilterTest {
    private static final List<RuleGroup> GROUPS = List.of(
            new RuleGroup("z", 0, 0, 0, List.of(
                    new AlertingRule("HighLatency", "up > 1", 0, 0, Map.of("severity", "page", "team", "api"), Map.of()),
                    new RecordingRule("job:req:rate", "sum(up)", Map.of("team", "api"))), "b.yml"),
            new RuleGroup("y", 0, 0, 0, List.of(
                    new AlertingRule("DiskFull", "up > 2", 0, 0, Map.of("severity", "ticket"), Map.of())), "a.yml"),
            new RuleGroup("x", 0, 0, 0, List.of(new RecordingRule("up:sum", "sum(up)", Map.of())), "a.yml"),
            new RuleGroup("a", 0, 0, 0, List.of(
                    new AlertingRule("Down", "up == 0", 0, 0, Map.of("severity", "page"), Map.of())), "b.yml"));

    @TempDir
    Path dir;
    private PromApiServer server;
    private RuleEvaluator evaluator;

    @BeforeEach
    void start() {
        server = new PromApiServer(dir, tsdb -> {
            evaluator = new RuleEvaluator(new PromqlEngine(EngineConfig.defaults()), tsdb, samples -> { },
                    AlertNotifier.NONE, RuleEvaluatorConfig.defaults(), () -> 0L);
            evaluator.replaceGroups(GROUPS, PromApiServer.NOW);
            return evaluator;
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', emptyValue = "", textBlock = """
            ''                                        | a.yml/x:up:sum a.yml/y:DiskFull b.yml/a:Down b.yml/z:HighLatency,job:req:rate |
            type=alert                                | a.yml/y:DiskFull b.yml/a:Down b.yml/z:HighLatency                             |
            type=RECORD                               | a.yml/x:up:sum b.yml/z:job:req:rate                                           |
            type=                                     | a.yml/x:up:sum a.yml/y:DiskFull b.yml/a:Down b.yml/z:HighLatency,job:req:rate |
            rule_name[]=Down&rule_name[]=DiskFull     | a.yml/y:DiskFull b.yml/a:Down                                                 |
            rule_name[]=nothing                       | ''                                                                            |
            rule_group[]=y&rule_group[]=a             | a.yml/y:DiskFull b.yml/a:Down                                                 |
            file[]=a.yml                              | a.yml/x:up:sum a.yml/y:DiskFull                                               |
            file[]=b.yml&rule_group[]=y               | ''                                                                            |
            file[]=b.yml&rule_name[]=job:req:rate     | b.yml/z:job:req:rate                                                          |
            match[]={severity="page"}                 | b.yml/a:Down b.yml/z:HighLatency                                              |
            match[]={team="api"}&match[]={severity="ticket"} | a.yml/y:DiskFull b.yml/z:HighLatency,job:req:rate                      |
            'match[]={severity=~"page|ticket",team!="api"}' | a.yml/y:DiskFull b.yml/a:Down                                           |
            match[]={team="",severity!=""}            | a.yml/y:DiskFull b.yml/a:Down                                                 |
            match[]={severity="page"}&type=record     | ''                                                                            |
            match[]={alertname="Down"}                | ''                                                                            |
            match[]=up                                | ''                                                                            |
            group_limit=2                             | a.yml/x:up:sum a.yml/y:DiskFull                                               | b.yml;a
            group_limit=2&group_next_token=#b.yml;a   | b.yml/a:Down b.yml/z:HighLatency,job:req:rate                                 |
            group_limit=1&group_next_token=#a.yml;y   | a.yml/y:DiskFull                                                              | b.yml;a
            group_limit=1&type=record                 | a.yml/x:up:sum                                                                | b.yml;z
            group_limit=1&type=record&group_next_token=#b.yml;z | b.yml/z:job:req:rate                                                |
            group_limit=1&file[]=b.yml&group_next_token=#a.yml;x | b.yml/a:Down                                                       | b.yml;z
            group_limit=4                             | a.yml/x:up:sum a.yml/y:DiskFull b.yml/a:Down b.yml/z:HighLatency,job:req:rate |
            group_limit=+3                            | a.yml/x:up:sum a.yml/y:DiskFull b.yml/a:Down                                  | b.yml;z
            group_next_token=&group_limit=1           | a.yml/x:up:sum                                                                | a.yml;y
            exclude_alerts=true&rule_group[]=a        | b.yml/a:Down                                                                  |
            """)
    void filtersAndPages(String query, String groups, String nextGroup) {
        PromApiServer.Reply reply = server.get("/api/v1/rules?" + encode(query));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonObject data = JsonParser.parseString(reply.body()).getAsJsonObject().getAsJsonObject("data");
        List<String> got = new ArrayList<>();
        for (JsonElement g : data.getAsJsonArray("groups")) {
            JsonObject group = g.getAsJsonObject();
            List<String> rules = new ArrayList<>();
            group.getAsJsonArray("rules").forEach(r -> rules.add(r.getAsJsonObject().get("name").getAsString()));
            got.add(group.get("file").getAsString() + "/" + group.get("name").getAsString() + ":" + String.join(",", rules));
        }
        assertThat(String.join(" ", got)).isEqualTo(groups);
        if (nextGroup == null || nextGroup.isEmpty()) {
            assertThat(data.has("groupNextToken")).as(reply.body()).isFalse();
        } else {
            assertThat(data.get("groupNextToken").getAsString()).isEqualTo(sha1Hex(nextGroup));
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            type=x                               | invalid parameter "type": not supported value "x"
            exclude_alerts=yes                   | invalid parameter "exclude_alerts": error converting exclude_alerts: strconv.ParseBool: parsing "yes": invalid syntax
            group_limit=0                        | invalid parameter "group_limit": group_limit needs to be greater than 0
            group_limit=-2                       | invalid parameter "group_limit": group_limit needs to be greater than 0
            group_limit=abc                      | invalid parameter "group_limit": group_limit needs to be a valid number: strconv.ParseInt: parsing "abc": invalid syntax
            group_limit=1.5                      | invalid parameter "group_limit": group_limit needs to be a valid number: strconv.ParseInt: parsing "1.5": invalid syntax
            group_limit=3000000000               | invalid parameter "group_limit": group_limit needs to be a valid number: strconv.ParseInt: parsing "3000000000": value out of range
            group_next_token=#a.yml;x            | invalid parameter "group_next_token": group_limit needs to be present in order to paginate over the groups
            group_limit=1&group_next_token=nope  | invalid parameter "group_next_token": invalid group_next_token 'nope'. were rule groups changed?
            group_limit=1&group_next_token=#c.yml;x | invalid parameter "group_next_token": invalid group_next_token '#c.yml;x'. were rule groups changed?
            match[]={team=""}                    | 1:1: parse error: vector selector must contain at least one non-empty matcher
            match[]=up&match[]={team=~".*"}      | 1:1: parse error: vector selector must contain at least one non-empty matcher
            match[]=up{                          | parse error
            match[]=rate(up[5m])                 | a series selector is required
            match[]={a=""}&type=bad              | vector selector must contain at least one non-empty matcher
            match[]=up&type=bad                  | invalid parameter "type": not supported value "bad"
            """)
    void refusedAsPrometheusRefusesThem(String query, String error) {
        PromApiServer.Reply reply = server.get("/api/v1/rules?" + encode(query));
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        JsonObject body = JsonParser.parseString(reply.body()).getAsJsonObject();
        assertThat(body.get("status").getAsString()).isEqualTo("error");
        assertThat(body.get("errorType").getAsString()).isEqualTo("bad_data");
        String expected = error.contains("'#") ? error.replace("#c.yml;x", sha1Hex("c.yml;x")) : error;
        assertThat(body.get("error").getAsString()).contains(expected);
    }

    @Test
    void excludeAlertsLeavesAlertingRulesWithoutTheirAlerts() {
        for (RuleGroup g : GROUPS) {
            evaluator.evaluate(g, PromApiServer.NOW);
        }
        String down = "/api/v1/rules?rule_name[]=Down";
        assertThat(alertsOf(server.get(down).body()).isJsonArray()).isTrue();
        assertThat(alertsOf(server.get(down).body()).getAsJsonArray()).hasSize(1);
        assertThat(alertsOf(server.get(down + "&exclude_alerts=false").body()).getAsJsonArray()).hasSize(1);
        assertThat(alertsOf(server.get(down + "&exclude_alerts=0").body()).getAsJsonArray()).hasSize(1);
        for (String yes : List.of("true", "TRUE", "t", "1")) {
            String body = server.get(down + "&exclude_alerts=" + yes).body();
            assertThat(alertsOf(body).isJsonNull()).as(body).isTrue();
            assertThat(body).contains("\"state\":\"firing\"").contains("\"alerts\":null");
        }
        assertThat(server.get("/api/v1/alerts").body()).contains("\"alertname\":\"Down\"");
    }

    @Test
    void groupsSortInGoByteOrderNotJavaCharOrder(@TempDir Path other) {
        // U+FFFD sorts before U+1F600 in UTF-8 (and code points); Java's String order puts the surrogate pair first.
        List<RuleGroup> groups = List.of(
                new RuleGroup("g", 0, 0, 0, List.of(new RecordingRule("r1", "up", Map.of())), "\uD83D\uDE00.yml"),
                new RuleGroup("g", 0, 0, 0, List.of(new RecordingRule("r2", "up", Map.of())), "\uFFFD.yml"));
        try (PromApiServer s = new PromApiServer(other, tsdb -> {
            RuleEvaluator e = new RuleEvaluator(new PromqlEngine(EngineConfig.defaults()), tsdb, samples -> { },
                    AlertNotifier.NONE, RuleEvaluatorConfig.defaults(), () -> 0L);
            e.replaceGroups(groups, PromApiServer.NOW);
            return e;
        })) {
            String body = s.get("/api/v1/rules").body();
            assertThat(body.indexOf("\"r2\"")).isLessThan(body.indexOf("\"r1\"")).isPositive();
        }
    }

    private static JsonElement alertsOf(String body) {
        return JsonParser.parseString(body).getAsJsonObject().getAsJsonObject("data").getAsJsonArray("groups")
                .get(0).getAsJsonObject().getAsJsonArray("rules").get(0).getAsJsonObject().get("alerts");
    }

    /** {@code k=v&k=v} percent-encoded; a value {@code #file;group} stands for that group's token. */
    private static String encode(String query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String value = pair.substring(eq + 1);
            if (value.startsWith("#")) {
                value = sha1Hex(value.substring(1));
            }
            parts.add(PromApiServer.encode(pair.substring(0, eq)) + "=" + PromApiServer.encode(value));
        }
        return String.join("&", parts);
    }

    /** Prometheus's token: the hex SHA-1 of {@code file;group}, computed here independently of the code under test. */
    private static String sha1Hex(String fileAndGroup) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(fileAndGroup.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
