package io.sightline.ui;

import java.util.Objects;

import io.sightline.ui.services.ServicePageLimits;

/**
 * Every page's limits in one place, as the appliance's {@code ui.*} options set them.
 *
 * @param traces   the trace pages'
 * @param services the service page's
 * @param logs     the logs page's
 * @param explore  the metrics explorer's
 */
public record UiLimits(TracePagesConfig traces, ServicePageLimits services, LogsPageConfig logs, ExploreLimits explore) {
    public UiLimits {
        Objects.requireNonNull(traces, "traces");
        Objects.requireNonNull(services, "services");
        Objects.requireNonNull(logs, "logs");
        Objects.requireNonNull(explore, "explore");
    }

    public static UiLimits defaults() {
        return new UiLimits(TracePagesConfig.defaults(), ServicePageLimits.DEFAULTS, LogsPageConfig.defaults(),
                ExploreLimits.defaults());
    }
}
