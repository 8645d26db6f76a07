package io.sightline.storage.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sightline.storage.tsdb.Labels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogStreamsTest {
    @Test
    void resourceAttributesBecomeSanitisedLabelsAndDerivedOnesFillIn() {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("k8s.pod.name", "pod-1");
        resource.put("2xx-rate", 0.5);
        resource.put("count", 3L);
        resource.put("on", true);
        resource.put("tags", List.of("a"));
        resource.put("empty", "");
        resource.put("service.namespace", "shop");
        assertThat(LogStreams.labels(resource, "checkout", 17, "ERROR")).isEqualTo(Labels.of(
                "k8s_pod_name", "pod-1", "_2xx_rate", "0.5", "count", "3", "on", "true", "service_namespace", "shop",
                "service_name", "checkout", "job", "shop/checkout", "level", "error", "severity_text", "ERROR"));
    }

    @Test
    void theFirstKeyInSortedOrderWinsASanitisedName() {
        Map<String, Object> resource = Map.of("a_b", "underscore", "a.b", "dot", "a-b", "dash");
        // '-' (0x2d) < '.' (0x2e) < '_' (0x5f)
        assertThat(LogStreams.labels(resource, "", 0, "").get("a_b")).isEqualTo("dash");
        assertThat(LogStreams.labels(Map.of("a_b", "x", "a.b", ""), "", 0, "").get("a_b")).isEqualTo("x");
    }

    @Test
    void derivedLabelsGiveWayToResourceLabels() {
        Map<String, Object> resource = Map.of("service_name", "mine", "job", "j", "level", "l", "severity.text", "t");
        assertThat(LogStreams.labels(resource, "svc", 9, "INFO")).isEqualTo(Labels.of(
                "service_name", "mine", "job", "j", "level", "l", "severity_text", "t"));
    }

    @Test
    void emptyServiceIsUnknownAndHasNoJob() {
        assertThat(LogStreams.labels(Map.of(), "", 0, "")).isEqualTo(Labels.of("service_name", "unknown_service", "level", "unknown"));
        assertThat(LogStreams.labels(Map.of(), "api", 0, "")).isEqualTo(Labels.of("service_name", "api", "job", "api", "level", "unknown"));
    }

    @ParameterizedTest
    @CsvSource({"0,,unknown", "1,,trace", "4,,trace", "5,,debug", "8,,debug", "9,,info", "12,,info", "13,,warn", "16,,warn",
            "17,,error", "20,,error", "21,,fatal", "24,,fatal", "25,,unknown", "-1,,unknown", "9,ERROR,info",
            "0,ERROR,error", "0,err,error", "0,Warning,warn", "0,WRN,warn", "0,dbg,debug", "0,trc,trace", "0,inf,info",
            "0,critical,critical", "0,FATAL,fatal", "0,notice,unknown"})
    void levelFollowsLoki(int number, String text, String level) {
        assertThat(LogStreams.level(number, text == null ? "" : text)).isEqualTo(level);
    }

    @Test
    void sanitizeReplacesEveryOtherCharAndPrefixesDigits() {
        assertThat(LogStreams.sanitize("host.name")).isEqualTo("host_name");
        assertThat(LogStreams.sanitize("9lives")).isEqualTo("_9lives");
        assertThat(LogStreams.sanitize("émoji😀")).isEqualTo("_moji_");
        assertThat(LogStreams.sanitize("")).isEqualTo("_");
    }
}
