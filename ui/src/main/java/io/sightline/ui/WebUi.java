package io.sightline.ui;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.sightline.ui.services.MapPage;
import io.sightline.ui.services.OverviewPage;
import io.sightline.ui.services.ServicePage;

/**
 * The web UI on the HTTP port: every page and its static assets. Register it last, at {@code /}: it
 * answers the page paths of {@link Html#NAV}, {@code /ui/static/**}, and {@code /} (to the first page).
 */
public final class WebUi implements HttpService {
    private final UiSources sources;
    private final UiLimits limits;

    public WebUi(UiSources sources) {
        this(sources, UiLimits.defaults());
    }

    public WebUi(UiSources sources, UiLimits limits) {
        this.sources = sources;
        this.limits = limits;
    }

    /** Loads the template engine and parses the templates before the first request needs them. */
    public static void warmUp() {
        LogsPage.warmUp();
        ExplorePage.warmUp();
        AlertsPage.warmUp();
    }

    @Override
    public void routing(HttpRules rules) {
        rules.register(StaticAssets.PREFIX, new StaticAssets())
                .get("/", (request, response) -> response.status(Status.SEE_OTHER_303)
                        .header(HeaderNames.LOCATION, "/overview").send())
                .register(new OverviewPage(sources))
                .register(new ServicePage(sources, limits.services()))
                .register(new MapPage(sources))
                .register(new ExplorePage(sources.metrics(), sources.promql(), limits.explore(), sources.clock()))
                .register(new LogsPage(sources.logql(), limits.logs(), sources.clock()))
                .register(new TracesPage(sources.traces(), limits.traces(), sources.clock()))
                // Before /traces/{traceId}, which would take "compare" for an id.
                .register(new TraceComparePage(sources.traces(), sources.clock()))
                .register(new TracePage(sources.traces(), sources.logs(), limits.traces(), sources.clock()))
                .register(new AlertsPage(sources.rules(), sources.notifications(), sources.clock()))
                .register(new StatusPage(sources.status(), sources.clock()))
                .register(new LoadPage(sources.load(), sources.clock()));
    }
}
