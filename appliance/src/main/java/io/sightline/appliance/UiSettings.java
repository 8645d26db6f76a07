package io.sightline.appliance;

import static io.sightline.appliance.SettingType.DURATION;
import static io.sightline.appliance.SettingType.POSITIVE_INT;

import java.util.List;

import io.sightline.ui.TracePagesConfig;

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

    static final List<Setting> ALL = List.of(TRACES_DEFAULT_LIMIT, TRACES_MAX_LIMIT, TRACES_SEARCH_TIMEOUT,
            TRACES_MAX_LOG_RECORDS, TRACES_LOG_MARGIN);

    private UiSettings() {
    }

    static TracePagesConfig tracePages(ApplianceConfig config) {
        if (config.integer(TRACES_DEFAULT_LIMIT) > config.integer(TRACES_MAX_LIMIT)) {
            throw new ConfigException(TRACES_DEFAULT_LIMIT.flag() + " (" + config.integer(TRACES_DEFAULT_LIMIT)
                    + ") must not exceed " + TRACES_MAX_LIMIT.flag() + " (" + config.integer(TRACES_MAX_LIMIT) + ")");
        }
        return new TracePagesConfig(config.integer(TRACES_DEFAULT_LIMIT), config.integer(TRACES_MAX_LIMIT),
                config.duration(TRACES_SEARCH_TIMEOUT), config.integer(TRACES_MAX_LOG_RECORDS),
                config.duration(TRACES_LOG_MARGIN));
    }
}
