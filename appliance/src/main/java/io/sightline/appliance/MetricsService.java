package io.sightline.appliance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** {@code GET /metrics}: the registry in the format the scraper's Accept header asks for. */
final class MetricsService implements HttpService {
    private final PrometheusRegistry registry;
    private final ExpositionFormats formats = ExpositionFormats.init();

    MetricsService(PrometheusRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::scrape);
    }

    private void scrape(ServerRequest request, ServerResponse response) throws IOException {
        String accept = request.headers().first(HeaderNames.ACCEPT).orElse("");
        ExpositionFormatWriter writer = formats.findWriter(accept);
        if (!writer.isAvailable()) {
            writer = formats.getPrometheusTextFormatWriter();
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
        writer.write(body, registry.scrape());
        response.header(HeaderNames.CONTENT_TYPE, writer.getContentType());
        response.send(body.toByteArray());
    }
}
