package io.sightline.ui;

import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import io.sightline.query.alerting.notify.Notifications;
import io.sightline.query.logql.LogqlEngine;
import io.sightline.query.logs.LogSearchParameters;
import io.sightline.query.promql.EngineConfig;
import io.sightline.query.rules.RuleStatusSource;
import io.sightline.storage.logs.LogQuerier;
import io.sightline.storage.traces.TraceQuerier;
import io.sightline.storage.tsdb.Queryable;

/**
 * What the pages read, handed in by the appliance: the stores through the query layer's engines, the
 * rules and notifications (suppliers: they start after the HTTP server, and answer empty until then),
 * the appliance's own status and, in demo mode or with a configured target, load runs.
 *
 * @param metrics       the TSDB, for PromQL
 * @param promql        the PromQL engine's limits, as the Prometheus API uses them
 * @param logs          the log store
 * @param logSearch     how log search parameters are read and limited, as the search API reads them
 * @param logql         the LogQL engine
 * @param traces        the trace store
 * @param rules         rule groups and alerts (never null; may be empty)
 * @param notifications the built-in notifier (silences, delivery log), or null before rules start
 * @param status        the appliance's configuration, storage and runtime figures
 * @param load          starts and watches load runs, when this appliance can
 * @param clock         "now" for time ranges
 */
public record UiSources(Queryable metrics, EngineConfig promql, LogQuerier logs, LogSearchParameters logSearch,
                        LogqlEngine logql, TraceQuerier traces, Supplier<RuleStatusSource> rules,
                        Supplier<Notifications> notifications, ApplianceStatus status, Optional<LoadControl> load,
                        InstantSource clock) {
    public UiSources {
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(promql, "promql");
        Objects.requireNonNull(logs, "logs");
        Objects.requireNonNull(logSearch, "logSearch");
        Objects.requireNonNull(logql, "logql");
        Objects.requireNonNull(traces, "traces");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(notifications, "notifications");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(load, "load");
        Objects.requireNonNull(clock, "clock");
    }
}
