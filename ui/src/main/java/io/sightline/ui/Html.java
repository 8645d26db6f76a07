package io.sightline.ui;

import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * What every page shares: the model the layout needs (title, the active navigation entry, the time
 * range and the parameters the range picker keeps), and sending a rendered template.
 *
 * <p>Layout variables (see {@code templates/layout.html}): {@code title}; {@code active}, one of
 * {@link #NAV}'s keys; {@code range} ({@link TimeRange}); {@code rangeQuery} ({@code from=..&to=..}
 * to append to links); {@code path} (the page's own path, where the picker submits);
 * {@code keep} (other query parameters the picker resubmits); {@code error} (a message shown in
 * the page's alert box, or absent).
 */
public final class Html {
    /** Navigation entries, path by key, in the header's order. */
    public static final Map<String, String> NAV = navigation();
    /** Pages smaller than this go uncompressed: gzip would not save a round trip. */
    private static final int GZIP_FROM_BYTES = 1400;

    private Html() {
    }

    /**
     * The layout's model for a page; a bad range in the URL becomes the page's {@code error} and the
     * last hour is shown instead.
     */
    public static Map<String, Object> model(ServerRequest request, InstantSource clock, String title, String active,
                                            Map<String, String> keep) {
        Map<String, Object> model = new HashMap<>();
        TimeRange range;
        try {
            range = TimeRange.of(name -> request.query().first(name).asOptional(), clock.instant());
        } catch (IllegalArgumentException e) {
            range = TimeRange.lastHour(clock.instant());
            model.put("error", e.getMessage());
        }
        model.put("title", title);
        model.put("active", active);
        model.put("nav", NAV);
        model.put("range", range);
        model.put("rangeQuery", range.query());
        model.put("path", request.path().path());
        model.put("keep", keep);
        model.put("quickChoices", TimeRange.QUICK_CHOICES);
        model.put("refreshChoices", TimeRange.REFRESH_CHOICES);
        return model;
    }

    /**
     * Renders {@code template} with {@code model} as a UTF-8 HTML response, gzip-compressed when the
     * request accepts it and the page is larger than a packet (a logs page of 150 KB becomes ~20 KB).
     */
    public static void send(ServerRequest request, ServerResponse response, Status status, String template,
                            Map<String, Object> model) {
        byte[] body = Pages.render(template, model).getBytes(StandardCharsets.UTF_8);
        response.status(status);
        response.header(HeaderNames.CONTENT_TYPE, "text/html; charset=UTF-8");
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        response.header(HeaderNames.VARY, "Accept-Encoding");
        if (body.length > GZIP_FROM_BYTES
                && request.headers().value(HeaderNames.ACCEPT_ENCODING).map(v -> v.contains("gzip")).orElse(false)) {
            response.header(HeaderNames.CONTENT_ENCODING, "gzip");
            body = Gzip.compress(body);
        }
        response.send(body);
    }

    private static Map<String, String> navigation() {
        Map<String, String> nav = new LinkedHashMap<>();
        nav.put("Overview", "/overview");
        nav.put("Metrics", "/explore");
        nav.put("Logs", "/logs");
        nav.put("Traces", "/traces");
        nav.put("Service map", "/map");
        nav.put("Alerts", "/alerts");
        nav.put("Load", "/load");
        nav.put("Status", "/status");
        return Collections.unmodifiableMap(nav);
    }
}
