package io.sightline.sample.services;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to run the three sample services.
 *
 * @param otlpEndpoint OTLP/HTTP base URL, e.g. {@code http://127.0.0.1:4318}; the exporters post
 *     protobuf to {@code /v1/traces}, {@code /v1/metrics} and {@code /v1/logs} under it
 * @param bindHost address the three HTTP servers listen on (default {@code 127.0.0.1})
 * @param frontendPort port of {@code frontend} (default 8081); 0 picks a free one
 * @param ordersPort port of {@code orders} (default 8082); 0 picks a free one
 * @param inventoryPort port of {@code inventory} (default 8083); 0 picks a free one
 * @param exportInterval how often metrics are collected and exported, and the longest a span or
 *     log record waits in its batch before it is sent (default 5 s; tests use ~1 s)
 * @param faults the faults each service starts with, by service name; services not named start
 *     with {@link FaultSettings#none()}
 */
public record SampleServicesConfig(String otlpEndpoint, String bindHost, int frontendPort, int ordersPort,
                                   int inventoryPort, Duration exportInterval, Map<String, FaultSettings> faults) {

    /** The services' names, in the order a request passes them. */
    public static final List<String> SERVICE_NAMES = List.of("frontend", "orders", "inventory");

    public static final String DEFAULT_OTLP_ENDPOINT = "http://127.0.0.1:4318";
    public static final String DEFAULT_BIND_HOST = "127.0.0.1";
    public static final int DEFAULT_FRONTEND_PORT = 8081;
    public static final int DEFAULT_ORDERS_PORT = 8082;
    public static final int DEFAULT_INVENTORY_PORT = 8083;
    public static final Duration DEFAULT_EXPORT_INTERVAL = Duration.ofSeconds(5);

    /** @throws IllegalArgumentException naming the field that is wrong */
    public SampleServicesConfig {
        Objects.requireNonNull(otlpEndpoint, "otlpEndpoint");
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(exportInterval, "exportInterval");
        Objects.requireNonNull(faults, "faults");
        requireHttpUrl(otlpEndpoint);
        if (bindHost.isBlank()) {
            throw new IllegalArgumentException("bindHost must not be blank");
        }
        requirePort("frontendPort", frontendPort);
        requirePort("ordersPort", ordersPort);
        requirePort("inventoryPort", inventoryPort);
        if (exportInterval.isNegative() || exportInterval.isZero()) {
            throw new IllegalArgumentException("exportInterval must be positive, not " + exportInterval);
        }
        for (Map.Entry<String, FaultSettings> entry : faults.entrySet()) {
            requireServiceName(entry.getKey());
            Objects.requireNonNull(entry.getValue(), "faults of " + entry.getKey());
        }
        faults = Map.copyOf(faults);
    }

    /** Ports 8081/8082/8083 on 127.0.0.1, a 5 s export interval, no faults. */
    public static SampleServicesConfig defaults(String otlpEndpoint) {
        return new SampleServicesConfig(otlpEndpoint, DEFAULT_BIND_HOST, DEFAULT_FRONTEND_PORT, DEFAULT_ORDERS_PORT,
                DEFAULT_INVENTORY_PORT, DEFAULT_EXPORT_INTERVAL, Map.of());
    }

    public SampleServicesConfig withBindHost(String host) {
        return new SampleServicesConfig(otlpEndpoint, host, frontendPort, ordersPort, inventoryPort, exportInterval, faults);
    }

    /** Ports for frontend, orders and inventory; 0 picks free ones (as tests do). */
    public SampleServicesConfig withPorts(int frontend, int orders, int inventory) {
        return new SampleServicesConfig(otlpEndpoint, bindHost, frontend, orders, inventory, exportInterval, faults);
    }

    public SampleServicesConfig withExportInterval(Duration interval) {
        return new SampleServicesConfig(otlpEndpoint, bindHost, frontendPort, ordersPort, inventoryPort, interval, faults);
    }

    /** All services' starting faults at once, replacing the ones set before. */
    public SampleServicesConfig withFaults(Map<String, FaultSettings> byService) {
        return new SampleServicesConfig(otlpEndpoint, bindHost, frontendPort, ordersPort, inventoryPort, exportInterval,
                byService);
    }

    /** One service's starting faults, keeping the others'. */
    public SampleServicesConfig withFaults(String service, FaultSettings settings) {
        Map<String, FaultSettings> copy = new LinkedHashMap<>(faults);
        copy.put(service, settings);
        return withFaults(copy);
    }

    /** The faults {@code service} starts with. */
    public FaultSettings faultsOf(String service) {
        requireServiceName(service);
        return faults.getOrDefault(service, FaultSettings.none());
    }

    /** @throws IllegalArgumentException naming the valid names */
    static void requireServiceName(String service) {
        if (!SERVICE_NAMES.contains(service)) {
            throw new IllegalArgumentException("unknown service '" + service + "'; the services are "
                    + String.join(", ", SERVICE_NAMES));
        }
    }

    private static void requireHttpUrl(String endpoint) {
        try {
            URI uri = new URI(endpoint);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("otlpEndpoint must be an http(s) URL like "
                        + DEFAULT_OTLP_ENDPOINT + ", not '" + endpoint + "'");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("otlpEndpoint is not a URL: '" + endpoint + "'");
        }
    }

    private static void requirePort(String field, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(field + " must be between 0 and 65535, not " + port);
        }
    }
}
