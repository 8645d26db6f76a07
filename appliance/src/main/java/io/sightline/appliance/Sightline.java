package io.sightline.appliance;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sightline in a JVM of one's own (tests, demos, a sidecar started from code): the whole appliance,
 * its receivers and APIs on real ports, with an application's lifetime.
 *
 * <pre>{@code
 * try (Sightline sightline = Sightline.start(Sightline.config(dataDir).ephemeralPorts())) {
 *     URI otlp = sightline.otlpHttpEndpoint(); // point an OpenTelemetry SDK's OTLP/HTTP exporters here
 *     URI api = sightline.httpEndpoint();      // the UI, Prometheus, Loki, Jaeger and Tempo APIs
 * }
 * }</pre>
 *
 * The JVM needs the options of the fat jar's manifest (the parent pom's {@code sightline.jvm.args}).
 * Thread-safe; {@link #close()} may be called more than once.
 */
public final class Sightline implements AutoCloseable {
    private final Appliance appliance;
    private final String host;

    private Sightline(Appliance appliance, String host) {
        this.appliance = appliance;
        this.host = host;
    }

    /** A configuration with every default but the data directory. */
    public static Config config(Path dataDir) {
        return new Config().set("data-dir", dataDir.toString());
    }

    /**
     * Starts Sightline and returns once every receiver and API listens.
     *
     * @throws ConfigException when a setting is unknown or invalid (naming it)
     */
    public static Sightline start(Config config) {
        ApplianceConfig resolved = ApplianceConfig.of(config.settings);
        String bind = resolved.bind();
        // a wildcard bind is reachable on the loopback address; URIs need an address to connect to
        String host = bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
        return new Sightline(Appliance.start(resolved, config.load), host.contains(":") ? "[" + host + "]" : host);
    }

    /** The UI and every query API: {@code /api/v1} (Prometheus), {@code /loki}, {@code /api} (Jaeger), {@code /tempo}. */
    public URI httpEndpoint() {
        return URI.create("http://" + host + ":" + appliance.httpPort());
    }

    /** OTLP/HTTP's base: {@code /v1/traces}, {@code /v1/metrics} and {@code /v1/logs} below it. */
    public URI otlpHttpEndpoint() {
        return URI.create("http://" + host + ":" + appliance.otlpHttpPort());
    }

    /** OTLP/gRPC. */
    public URI otlpGrpcEndpoint() {
        return URI.create("http://" + host + ":" + appliance.otlpGrpcPort());
    }

    /** Whether every receiver and store is up (what {@code /-/ready} answers). */
    public boolean ready() {
        return appliance.ready();
    }

    /** Stops receiving, lets the stores commit what they hold, and releases the data directory. */
    @Override
    public void close() {
        appliance.close();
    }

    /**
     * What to start: any option of {@code java -jar sightline.jar --help} by its key (the flag
     * without {@code --}, e.g. {@code logs.retention-age}), validated at {@link #start}.
     */
    public static final class Config {
        private final Map<String, String> settings = new LinkedHashMap<>();
        private java.util.Optional<io.sightline.ui.LoadControl> load = java.util.Optional.empty();

        private Config() {
        }

        /** Sets an option by its key, as its flag would. */
        public Config set(String key, String value) {
            settings.put(key, value);
            return this;
        }

        /** The address every port listens on (default 127.0.0.1). */
        public Config bind(String address) {
            return set("bind", address);
        }

        /** The HTTP, OTLP/gRPC and OTLP/HTTP ports; 0 lets the system choose. */
        public Config ports(int http, int otlpGrpc, int otlpHttp) {
            return set("http-port", Integer.toString(http)).set("otlp-grpc-port", Integer.toString(otlpGrpc))
                    .set("otlp-http-port", Integer.toString(otlpHttp));
        }

        /**
         * Load runs for the UI's load page ({@code /load}), as the demo hands its
         * {@link io.sightline.appliance.load.HttpLoadRuns}; without one the page says how to enable it.
         * The caller owns it: close it before {@link Sightline#close()} so no run outlives the appliance.
         */
        public Config loadControl(io.sightline.ui.LoadControl control) {
            this.load = java.util.Optional.of(control);
            return this;
        }

        /** Every port chosen by the system, so instances (and tests) never collide. */
        public Config ephemeralPorts() {
            return ports(0, 0, 0);
        }
    }
}
