package io.sightline.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import io.sightline.ingest.otlp.PrometheusNaming.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Golden tables of the OTLP → Prometheus name, unit, label and float translations. */
class PrometheusNamingTest {
    static Stream<Arguments> metricNames() {
        return Stream.of(
                Arguments.of("http.server.request.duration", "s", Kind.HISTOGRAM, "http_server_request_duration_seconds"),
                Arguments.of("http.server.requests", "{request}", Kind.COUNTER, "http_server_requests_total"),
                Arguments.of("system.memory.utilization", "1", Kind.GAUGE, "system_memory_utilization_ratio"),
                Arguments.of("system.memory.utilization", "1", Kind.NON_MONOTONIC_SUM, "system_memory_utilization"),
                Arguments.of("requests.count", "1", Kind.COUNTER, "requests_count_total"),
                Arguments.of("process.memory.usage", "By", Kind.NON_MONOTONIC_SUM, "process_memory_usage_bytes"),
                Arguments.of("db.latency", "ms", Kind.HISTOGRAM, "db_latency_milliseconds"),
                Arguments.of("network.io", "By/s", Kind.GAUGE, "network_io_bytes_per_second"),
                Arguments.of("packets", "{packets}/s", Kind.GAUGE, "packets_per_second"),
                Arguments.of("system.network.dropped", "packets", Kind.GAUGE, "system_network_dropped_packets"),
                Arguments.of("cpu.time_seconds", "s", Kind.COUNTER, "cpu_time_seconds_total"),
                Arguments.of("jobs_total", "", Kind.COUNTER, "jobs_total"),
                Arguments.of("queue..depth__max", "", Kind.GAUGE, "queue_depth_max"),
                Arguments.of("(lambda).function.executions(#)", "", Kind.GAUGE, "lambda_function_executions"),
                Arguments.of("9lives", "", Kind.GAUGE, "_9lives"),
                Arguments.of("temperature", "Cel", Kind.GAUGE, "temperature_celsius"),
                Arguments.of("disk.usage", "%", Kind.GAUGE, "disk_usage_percent"),
                Arguments.of("uptime", "d", Kind.COUNTER, "uptime_days_total"),
                Arguments.of("transfer", "MiBy", Kind.COUNTER, "transfer_mebibytes_total"),
                Arguments.of("ns:rule.metric", "", Kind.GAUGE, "ns:rule_metric"));
    }

    @ParameterizedTest(name = "{0} [{1}] {2} -> {3}")
    @MethodSource("metricNames")
    void metricNames(String name, String unit, Kind kind, String expected) {
        assertThat(PrometheusNaming.metricName(name, unit, kind)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "s|seconds", "By/s|bytes_per_second", "1|''", "{request}|''", "ms|milliseconds", "1/s|per_second",
            "KiBy|kibibytes", "m/s|meters_per_second"})
    void unitsAsMetadata(String unit, String expected) {
        assertThat(PrometheusNaming.unit(unit)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "http.request.method|http_request_method", "service.name|service_name", "a..b|a_b",
            "1st|key_1st", "_private|key_private", "__dunder|key_dunder", "Ünïcode|key_n_code", "ok_name|ok_name",
            "k8s.pod.name|k8s_pod_name"})
    void labelNames(String key, String expected) {
        assertThat(PrometheusNaming.labelName(key)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "0.005|0.005", "1|1", "1.0|1", "0.25|0.25", "2.5|2.5", "1000000|1000000", "0.0001|0.0001",
            "1e-9|0.000000001", "-5|-5", "Infinity|+Inf", "-Infinity|-Inf", "1.4142135623730951|1.4142135623730951"})
    void floats(double value, String expected) {
        assertThat(PrometheusNaming.formatFloat(value)).isEqualTo(expected);
    }
}
