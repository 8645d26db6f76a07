package io.sightline.query.rules.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.sightline.query.rules.AlertingRule;
import io.sightline.query.rules.Rule;
import io.sightline.query.rules.RuleFiles;
import io.sightline.query.rules.RuleGroup;
import io.sightline.query.rules.RuleTests;

class BuiltinRulesTest {
    private static Path resources() throws URISyntaxException {
        return Path.of(BuiltinRulesTest.class.getResource("/rules/builtin").toURI());
    }

    @Test
    void defaultsAreOneGroupOfThreeAlertsOverEveryService() {
        List<RuleGroup> groups = BuiltinRules.red(BuiltinRulesConfig.defaults());
        assertThat(groups).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo("sightline-red");
            assertThat(g.file()).isEqualTo(BuiltinRules.FILE);
            assertThat(g.rules()).extracting(Rule::name)
                    .containsExactly("ServiceHighErrorRatio", "ServiceHighLatency", "ServiceThroughputDrop");
            assertThat(g.rules()).allSatisfy(r -> {
                assertThat(r.expr()).contains("by (service_name").doesNotContain("service_name=");
                assertThat(r.labels()).containsEntry("severity", "warning");
                assertThat(((AlertingRule) r).annotations().get("summary")).contains("{{ $labels.service_name }}");
            });
            assertThat(g.rules()).extracting(r -> ((AlertingRule) r).forMs()).containsExactly(300_000L, 300_000L, 600_000L);
        });
    }

    @Test
    void eachRuleCanBeSwitchedOffAndTuned() {
        BuiltinRulesConfig d = BuiltinRulesConfig.defaults();
        BuiltinRulesConfig c = d.withLatency(d.latency().withEnabled(false).withThresholdSeconds(0.25))
                .withErrorRatio(d.errorRatio().withThreshold(0.02))
                .withThroughputDrop(d.throughputDrop().withMinRequestsPerSecond(5));
        RuleGroup g = BuiltinRules.red(c).getFirst();
        assertThat(g.rules()).extracting(Rule::name).containsExactly("ServiceHighErrorRatio", "ServiceThroughputDrop");
        assertThat(g.rules().get(0).expr()).endsWith("\n> 0.02");
        assertThat(g.rules().get(1).expr()).endsWith(" >= 5");
        assertThat(BuiltinRules.red(d.withLatency(d.latency().withThresholdSeconds(0.25))).getFirst().rules().get(1).expr())
                .endsWith("\n> 0.25");
        BuiltinRulesConfig off = d.withErrorRatio(d.errorRatio().withEnabled(false))
                .withLatency(d.latency().withEnabled(false)).withThroughputDrop(d.throughputDrop().withEnabled(false));
        assertThat(BuiltinRules.red(off)).isEmpty();
        assertThatThrownBy(() -> d.errorRatio().withThreshold(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("error ratio threshold");
    }

    @Test
    void asYamlReadsBackToTheSameGroups() throws Exception {
        BuiltinRulesConfig d = BuiltinRulesConfig.defaults();
        for (BuiltinRulesConfig c : List.of(d, d.withLatency(d.latency().withEnabled(false)))) {
            List<RuleGroup> read = RuleFiles.parse(BuiltinRules.FILE, BuiltinRules.asYaml(c));
            assertThat(read).isEqualTo(BuiltinRules.red(c));
        }
        String golden = Files.readString(resources().resolve("red.rules.yml"), StandardCharsets.UTF_8);
        assertThat(golden.substring(golden.indexOf('\n') + 1)).isEqualTo(BuiltinRules.asYaml(d));
    }

    @Test
    void theDefaultPackFiresForTheRightServicesOnly() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean passed = RuleTests.run(resources().resolve("red_test.yml"), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(passed).as(out.toString(StandardCharsets.UTF_8)).isTrue();
    }
}
