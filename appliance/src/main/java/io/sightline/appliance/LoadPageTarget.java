package io.sightline.appliance;

import java.net.URI;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Optional;

import io.sightline.appliance.load.HttpLoadRuns;
import io.sightline.sample.httpload.HttpLoadScenario;

/**
 * The load page outside the demo: runs against --ui.load.target (the sample shop's requests) or a
 * --ui.load.scenario-file. The runs exist before the UI is routed; they are aimed once the
 * appliance's OTLP/HTTP port, where their metrics go, is known.
 */
final class LoadPageTarget {
    final HttpLoadRuns runs;
    private final URI target;

    private LoadPageTarget(HttpLoadRuns runs, URI target) {
        this.runs = runs;
        this.target = target;
    }

    /** The configured target's runs, or empty when neither option is set. */
    static Optional<LoadPageTarget> of(ApplianceConfig config, InstantSource clock) {
        String target = config.text(UiSettings.LOAD_TARGET);
        String file = config.text(UiSettings.LOAD_SCENARIO_FILE);
        if (target.isEmpty() && file.isEmpty()) {
            return Optional.empty();
        }
        HttpLoadScenario scenario = file.isEmpty() ? null : read(Path.of(file));
        HttpLoadRuns runs = new HttpLoadRuns(UiSettings.loadLimits(config), clock,
                scenario == null ? HttpLoadScenario::sampleShop : scenario::withTarget);
        return Optional.of(new LoadPageTarget(runs, target.isEmpty() ? scenario.target() : URI.create(target)));
    }

    /** Points the runs at the target, their metrics at {@code otlpHttp}. */
    void aim(URI otlpHttp) {
        runs.target(target, Optional.of(otlpHttp));
    }

    private static HttpLoadScenario read(Path file) {
        try {
            return HttpLoadScenario.parse(file);
        } catch (RuntimeException e) {
            throw new ConfigException(UiSettings.LOAD_SCENARIO_FILE.flag() + ": " + e.getMessage());
        }
    }
}
