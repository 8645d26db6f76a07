package io.sightline.appliance;

import static io.sightline.appliance.SettingType.DURATION;
import static io.sightline.appliance.SettingType.POSITIVE_INT;

import java.util.List;

import io.sightline.ui.ExploreLimits;
import io.sightline.ui.LoadControl;
import io.sightline.ui.LogsPageConfig;
import io.sightline.ui.TracePagesConfig;
import io.sightline.ui.UiLimits;
import io.sightline.ui.services.ServicePageLimits;

/** The options of the web UI's pages: how much one page may list and how long it may search. */
final class UiSettings {
    private static final TracePagesConfig TRACE_DEFAULTS = TracePagesConfig.defaults();

    static final Setting TRACES_DEFAULT_LIMIT = new Setting("ui.traces.default-limit", POSITIVE_INT,
            Integer.toString(TRACE_DEFAULTS.defaultLimit()), "traces a search on the traces page lists when the form names no limit");
    static final Setting TRACES_MAX_LIMIT = new Setting("ui.traces.max-limit", POSITIVE_INT,
            Integer.toString(TRACE_DEFAULTS.maxLimit()), "most traces one search on the traces page may list");
    static final Setting TRACES_SEARCH_TIMEOUT = new Setting("ui.traces.search-timeout", DURATION,
            TRACE_DEFAULTS.searchTimeout().toSeconds() + "s", "how long a trace search from the UI may run before the page shows an error");
    static final Setting TRACES_MAX_LOG_RECORDS = new Setting("ui.traces.max-log-records", POSITIVE_INT,
            Integer.toString(TRACE_DEFAULTS.maxLogRecords()), "most log records of one trace shown under its waterfall");
    static final Setting TRACES_LOG_MARGIN = new Setting("ui.traces.log-margin", DURATION,
            TRACE_DEFAULTS.logMargin().toSeconds() + "s",
            "how far before a trace's first span and after its last its log records are looked for");

    private static final ServicePageLimits SERVICE_DEFAULTS = ServicePageLimits.DEFAULTS;
    static final Setting SERVICE_RECENT_ERRORS = new Setting("ui.service.recent-errors", POSITIVE_INT,
            Integer.toString(SERVICE_DEFAULTS.recentErrors()), "error log records a service page shows, newest first");
    static final Setting SERVICE_TRACE_CANDIDATES = new Setting("ui.service.trace-candidates", POSITIVE_INT,
            Integer.toString(SERVICE_DEFAULTS.traceCandidates()), "newest traces of a service searched for its slowest");
    static final Setting SERVICE_SLOWEST_TRACES = new Setting("ui.service.slowest-traces", POSITIVE_INT,
            Integer.toString(SERVICE_DEFAULTS.slowestTraces()), "slowest traces a service page shows");
    static final Setting SERVICE_OPERATIONS = new Setting("ui.service.operations", POSITIVE_INT,
            Integer.toString(SERVICE_DEFAULTS.operations()), "operations a service page ranks by impact");
    static final Setting SERVICE_TIMEOUT = new Setting("ui.service.timeout", DURATION,
            SERVICE_DEFAULTS.timeout().toSeconds() + "s", "longest a service page's log or trace search may take");

    private static final LogsPageConfig LOGS_DEFAULTS = LogsPageConfig.defaults();
    static final Setting LOGS_PAGE_SIZE = new Setting("ui.logs.page-size", POSITIVE_INT,
            Integer.toString(LOGS_DEFAULTS.pageSize()), "log lines a page of the logs page shows (each carries all its labels)");
    static final Setting LOGS_VOLUME_BARS = new Setting("ui.logs.volume-bars", POSITIVE_INT,
            Integer.toString(LOGS_DEFAULTS.volumeBars()), "most windows of the logs page's volume histogram");
    static final Setting LOGS_CONTEXT_LINES = new Setting("ui.logs.context-lines", POSITIVE_INT,
            Integer.toString(LOGS_DEFAULTS.contextLines()), "lines the context view shows before and after the chosen line");
    static final Setting LOGS_CONTEXT_SPAN = new Setting("ui.logs.context-span", DURATION,
            LOGS_DEFAULTS.contextSpan().toMinutes() + "m", "how far before and after the chosen line the context view looks");
    static final Setting LOGS_QUERY_TIMEOUT = new Setting("ui.logs.query-timeout", DURATION,
            LOGS_DEFAULTS.queryTimeout().toSeconds() + "s", "longest one LogQL evaluation of the logs page may take");

    static final Setting EXPLORE_POINTS = new Setting("ui.explore.points", POSITIVE_INT,
            Integer.toString(ExploreLimits.DEFAULT_POINTS), "about how many steps the metrics explorer's range query has when the URL names no step");
    static final Setting EXPLORE_MAX_SERIES = new Setting("ui.explore.max-series", POSITIVE_INT,
            Integer.toString(ExploreLimits.DEFAULT_MAX_SERIES), "most series the metrics explorer draws and lists; more are counted and left out");
    static final Setting EXPLORE_MAX_EXEMPLARS = new Setting("ui.explore.max-exemplars", POSITIVE_INT,
            Integer.toString(ExploreLimits.DEFAULT_MAX_EXEMPLARS), "most exemplars the metrics explorer lists under its chart");
    static final Setting EXPLORE_MAX_TABLE_VALUES = new Setting("ui.explore.max-table-values", POSITIVE_INT,
            Integer.toString(ExploreLimits.DEFAULT_MAX_TABLE_VALUES), "with all values shown, the most values the explorer's table lists over all series");

    static final Setting LOAD_TARGET = new Setting("ui.load.target", SettingType.OPTIONAL_URL, "",
            "the load page's target outside the demo: a service answering the sample shop's requests (GET /api/stock/..., POST /api/orders), or the base URL for --ui.load.scenario-file; none: the page is the demo's only");
    static final Setting LOAD_SCENARIO_FILE = new Setting("ui.load.scenario-file", SettingType.OPTIONAL_PATH, "",
            "a load scenario file (sightline load --scenario's YAML) the load page runs against --ui.load.target, or against the file's own target");
    private static final LoadControl.LoadLimits LOAD_DEFAULTS = LoadControl.LoadLimits.DEFAULTS;
    static final Setting LOAD_MAX_USERS = new Setting("ui.load.max-users", POSITIVE_INT,
            Integer.toString(LOAD_DEFAULTS.maxUsers()), "most virtual users a run started from the load page may have");
    static final Setting LOAD_MAX_RATE = new Setting("ui.load.max-rate", POSITIVE_INT,
            Long.toString(Math.round(LOAD_DEFAULTS.maxTargetRate())), "highest target rate, requests/s, of a run started from the load page");
    static final Setting LOAD_MAX_DURATION = new Setting("ui.load.max-duration", DURATION,
            LOAD_DEFAULTS.maxDuration().toMinutes() + "m", "longest run the load page may start");

    static final List<Setting> ALL = List.of(LOAD_TARGET, LOAD_SCENARIO_FILE, LOAD_MAX_USERS, LOAD_MAX_RATE,
            LOAD_MAX_DURATION, EXPLORE_POINTS, EXPLORE_MAX_SERIES, EXPLORE_MAX_EXEMPLARS,
            EXPLORE_MAX_TABLE_VALUES, LOGS_PAGE_SIZE, LOGS_VOLUME_BARS, LOGS_CONTEXT_LINES, LOGS_CONTEXT_SPAN,
            LOGS_QUERY_TIMEOUT, TRACES_DEFAULT_LIMIT, TRACES_MAX_LIMIT, TRACES_SEARCH_TIMEOUT,
            TRACES_MAX_LOG_RECORDS, TRACES_LOG_MARGIN, SERVICE_RECENT_ERRORS, SERVICE_TRACE_CANDIDATES,
            SERVICE_SLOWEST_TRACES, SERVICE_OPERATIONS, SERVICE_TIMEOUT);

    private UiSettings() {
    }

    /** The load page's limits as the ui.load.* options set them (the demo's own flags set its page's). */
    static LoadControl.LoadLimits loadLimits(ApplianceConfig config) {
        return new LoadControl.LoadLimits(config.integer(LOAD_MAX_USERS), LOAD_DEFAULTS.maxSpawnRate(),
                config.integer(LOAD_MAX_RATE), config.duration(LOAD_MAX_DURATION), LOAD_DEFAULTS.keptRuns());
    }

    static UiLimits limits(ApplianceConfig config) {
        return new UiLimits(tracePages(config), new ServicePageLimits(config.integer(SERVICE_RECENT_ERRORS),
                config.integer(SERVICE_TRACE_CANDIDATES), config.integer(SERVICE_SLOWEST_TRACES),
                config.integer(SERVICE_OPERATIONS), config.duration(SERVICE_TIMEOUT)),
                new LogsPageConfig(config.integer(LOGS_PAGE_SIZE), config.integer(LOGS_VOLUME_BARS),
                        config.integer(LOGS_CONTEXT_LINES), config.duration(LOGS_CONTEXT_SPAN),
                        config.duration(LOGS_QUERY_TIMEOUT)),
                new ExploreLimits(config.integer(EXPLORE_POINTS), config.integer(EXPLORE_MAX_SERIES),
                        config.integer(EXPLORE_MAX_EXEMPLARS), config.integer(EXPLORE_MAX_TABLE_VALUES)));
    }

    private static TracePagesConfig tracePages(ApplianceConfig config) {
        if (config.integer(TRACES_DEFAULT_LIMIT) > config.integer(TRACES_MAX_LIMIT)) {
            throw new ConfigException(TRACES_DEFAULT_LIMIT.flag() + " (" + config.integer(TRACES_DEFAULT_LIMIT)
                    + ") must not exceed " + TRACES_MAX_LIMIT.flag() + " (" + config.integer(TRACES_MAX_LIMIT) + ")");
        }
        return new TracePagesConfig(config.integer(TRACES_DEFAULT_LIMIT), config.integer(TRACES_MAX_LIMIT),
                config.duration(TRACES_SEARCH_TIMEOUT), config.integer(TRACES_MAX_LOG_RECORDS),
                config.duration(TRACES_LOG_MARGIN));
    }
}
