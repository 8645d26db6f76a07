package io.sightline.ui;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

/**
 * The web UI on the HTTP port: every page and its static assets. Register it last, at {@code /}: it
 * answers the page paths of {@link Html#NAV}, {@code /ui/static/**}, and {@code /} (to the first page).
 */
public final class WebUi implements HttpService {
    private final UiSources sources;

    public WebUi(UiSources sources) {
        this.sources = sources;
    }

    /** Loads the template engine and parses the templates before the first request needs them. */
    public static void warmUp() {
        LogsPage.warmUp();
    }

    @Override
    public void routing(HttpRules rules) {
        rules.register(StaticAssets.PREFIX, new StaticAssets())
                .get("/", (request, response) -> response.status(Status.SEE_OTHER_303)
                        .header(HeaderNames.LOCATION, "/logs").send())
                .register(new LogsPage(sources.logs(), sources.logSearch(), sources.clock()))
                .register(new StatusPage(sources.status(), sources.clock()))
                .register(new LoadPage(sources.load(), sources.clock()));
    }
}
