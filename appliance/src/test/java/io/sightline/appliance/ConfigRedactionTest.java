package io.sightline.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ConfigRedactionTest {
    @Test
    void secretKeysShowOnlyThatTheyAreSet() {
        assertThat(ConfigRedaction.shown("exporter.otlp.password", "hunter2")).isEqualTo("<redacted>");
        assertThat(ConfigRedaction.shown("exporter.api-key", "abc")).isEqualTo("<redacted>");
        assertThat(ConfigRedaction.shown("remote.bearer_token", "abc")).isEqualTo("<redacted>");
        assertThat(ConfigRedaction.shown("x.client-secret", List.of("a", "b"))).isEqualTo("<redacted>");
        assertThat(ConfigRedaction.shown("x.basic-auth", "user:pw")).isEqualTo("<redacted>");
        assertThat(ConfigRedaction.shown("x.password", "")).as("an unset secret shows as unset").isEmpty();
        assertThat(ConfigRedaction.shown("x.tokens", List.of())).isEmpty();
    }

    @Test
    void wordsThatOnlyContainASecretWordAreNotSecrets() {
        assertThat(ConfigRedaction.secretKey("metrics.max-series-per-metric")).isFalse();
        assertThat(ConfigRedaction.secretKey("query.max-samples")).isFalse();
        assertThat(ConfigRedaction.secretKey("monkey.author")).isFalse();
        assertThat(ConfigRedaction.shown("traces.indexed-span-attributes", List.of("http.route", "db.system")))
                .isEqualTo("http.route, db.system");
        assertThat(ConfigRedaction.shown("logs.retention-age", java.time.Duration.ofDays(7))).isEqualTo("PT168H");
    }

    @Test
    void urlsLoseUserInfoQueryAndFragment() {
        assertThat(ConfigRedaction.shown("alerting.alertmanager-urls",
                List.of("http://am:9093", "https://admin:s3cret@am.example.com:9443/base?token=abc#x")))
                .isEqualTo("http://am:9093, https://<redacted>@am.example.com:9443/base?<redacted>#<redacted>");
        assertThat(ConfigRedaction.shown("some.endpoint", "http://user@host/p")).isEqualTo("http://<redacted>@host/p");
        assertThat(ConfigRedaction.shown("some.endpoint", "http://host/p?q=1")).isEqualTo("http://host/p?<redacted>");
        assertThat(ConfigRedaction.shown("some.endpoint", "http://bad host/%zz?token=abc"))
                .as("a URL that does not parse keeps only its scheme").isEqualTo("http://<redacted>");
    }

    @Test
    void webhookUrlsAlsoLoseTheirPathButKeepTheReceiverName() {
        assertThat(ConfigRedaction.shown("alerting.webhook-urls",
                List.of("ops=https://hooks.slack.com/services/T000/B000/XXXXSECRET", "http://sink:8080/",
                        "https://u:p@hook.example.com/h?k=v")))
                .isEqualTo("ops=https://hooks.slack.com/<redacted>, http://sink:8080/, "
                        + "https://<redacted>@hook.example.com/<redacted>?<redacted>");
    }

    @Test
    void everyConfiguredSecretIsRedactedInTheStatus() {
        ApplianceConfig config = ApplianceConfig.of(Map.of(
                "alerting.webhook-urls", "team=https://hooks.example.com/services/T1/B2/TOKEN123",
                "alerting.alertmanager-urls", "https://bob:pa55@am.example.com?api_key=KEY42"));
        Map<String, String> shown = ConfigRedaction.shown(config);
        assertThat(shown).containsEntry("alerting.webhook-urls", "team=https://hooks.example.com/<redacted>")
                .containsEntry("alerting.alertmanager-urls", "https://<redacted>@am.example.com?<redacted>")
                .containsEntry("logs.retention-age", String.valueOf(config.values().get("logs.retention-age")));
        assertThat(String.join(" ", shown.values())).doesNotContain("TOKEN123", "pa55", "KEY42", "bob");
    }
}
