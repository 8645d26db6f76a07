package io.sightline.appliance;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Set;
import java.util.regex.Pattern;

import io.sightline.ingest.derived.DerivedMetricsConfig;
import io.sightline.query.api.jaeger.JaegerApi;
import io.sightline.query.api.jaeger.JaegerApiConfig;
import io.sightline.query.api.prometheus.BuildInfo;
import io.sightline.query.api.tempo.TempoApi;
import io.sightline.query.api.tempo.TempoApiConfig;
import io.sightline.query.traces.DependencySource;
import io.sightline.query.traces.TraceSearchConfig;
import io.sightline.query.traces.TraceqlEngine;
import io.sightline.storage.traces.LuceneTraceStore;
import io.sightline.storage.traces.TraceStoreConfig;

/**
 * Turns the trace settings into the configs of the trace store, the derived metrics and the trace
 * APIs; a bad combination stops start-up naming the option.
 */
final class TraceSetup {
    /** The Tempo version whose HTTP API {@code /tempo} follows; Grafana reads it to pick features. */
    static final String TEMPO_VERSION = "2.7.0";
    private static final Pattern TAG_VALUES = Pattern.compile("/api(/v2)?/search/tag/.+/values");
    private static final Pattern TEMPO_FIXED = Pattern.compile("/api(/v2)?/(search|search/tags|echo|status/buildinfo)");

    private TraceSetup() {
    }

    static TraceStoreConfig storeConfig(ApplianceConfig config, Path directory) {
        try {
            TraceStoreConfig defaults = TraceStoreConfig.defaults(directory);
            return defaults
                    .withIntervals(config.duration(TraceSettings.REFRESH_INTERVAL), config.duration(TraceSettings.COMMIT_INTERVAL))
                    .withRetention(config.duration(TraceSettings.RETENTION_AGE), config.bytes(TraceSettings.RETENTION_BYTES))
                    .withIndexedAttributes(Set.copyOf(config.names(TraceSettings.INDEXED_SPAN_ATTRIBUTES)),
                            Set.copyOf(config.names(TraceSettings.INDEXED_RESOURCE_ATTRIBUTES)))
                    .withSearchLimits(config.integer(TraceSettings.SEARCH_MAX_PARTS_READ), defaults.searchMaxDuration());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    static DerivedMetricsConfig derivedConfig(ApplianceConfig config) {
        try {
            return new DerivedMetricsConfig(config.duration(TraceSettings.DERIVED_FLUSH_INTERVAL),
                    config.integer(TraceSettings.SPAN_METRICS_MAX_SERIES), config.numbers(TraceSettings.SPAN_METRICS_BUCKETS),
                    config.integer(TraceSettings.SERVICE_GRAPH_MAX_ITEMS), config.duration(TraceSettings.SERVICE_GRAPH_WAIT),
                    config.integer(TraceSettings.SERVICE_GRAPH_MAX_SERIES), config.numbers(TraceSettings.SERVICE_GRAPH_BUCKETS));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    static TempoApi tempoApi(ApplianceConfig config, LuceneTraceStore traces, InstantSource clock) {
        Duration timeout = config.duration(Settings.QUERY_TIMEOUT);
        TraceSearchConfig defaults = TraceSearchConfig.defaults();
        TraceSearchConfig search = new TraceSearchConfig(config.integer(TraceSettings.SEARCH_MAX_CANDIDATES),
                defaults.maxLimit(), timeout, defaults.maxQueryLength(), defaults.maxQueryDepth());
        return new TempoApi(traces, new TraceqlEngine(traces, search, System::nanoTime), TempoApiConfig.defaults(),
                new BuildInfo(TEMPO_VERSION, "sightline-" + Version.current(), "sightline", "sightline", "",
                        "java" + Runtime.version().feature()), clock);
    }

    static JaegerApi jaegerApi(ApplianceConfig config, LuceneTraceStore traces, DependencySource dependencies,
                               InstantSource clock) {
        JaegerApiConfig defaults = JaegerApiConfig.defaults();
        return new JaegerApi(traces, dependencies, new JaegerApiConfig(defaults.defaultLimit(), defaults.maxLimit(),
                defaults.searchLookback(), defaults.dependencyLookback(), config.duration(Settings.QUERY_TIMEOUT),
                defaults.maxFormBytes()), clock);
    }

    /**
     * A bounded label for a trace API path (ids and service names replaced by placeholders), or
     * null when the path is not one.
     */
    static String handlerOf(String path) {
        if (path.startsWith("/api/v1/traces/")) {
            return "/api/v1/traces/:id/critical-path";
        }
        if (path.startsWith("/tempo/")) {
            String rest = path.substring("/tempo".length());
            if (rest.startsWith("/api/traces/") || rest.startsWith("/api/v2/traces/")) {
                return "/tempo" + rest.substring(0, rest.indexOf("/traces/")) + "/traces/:id";
            }
            if (TAG_VALUES.matcher(rest).matches()) {
                return "/tempo" + rest.substring(0, rest.indexOf("/tag/")) + "/tag/:name/values";
            }
            return TEMPO_FIXED.matcher(rest).matches() ? path : "/tempo/other";
        }
        if (path.startsWith("/api/traces/")) {
            return "/api/traces/:id";
        }
        if (path.startsWith("/api/services/")) {
            return "/api/services/:service/operations";
        }
        return switch (path) {
            case "/api/traces", "/api/services", "/api/operations", "/api/dependencies" -> path;
            default -> null;
        };
    }
}
