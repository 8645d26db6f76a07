package io.sightline.sample.services;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Map;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpService;

/**
 * The three instrumented sample services in one JVM: {@code frontend} (the gateway) →
 * {@code orders} → {@code inventory}, each a Helidon SE server with its own OpenTelemetry SDK
 * exporting OTLP/HTTP to {@link SampleServicesConfig#otlpEndpoint()}. Start with
 * {@link #start}, make incidents with {@link #setFaults}, and {@link #close} to stop and flush.
 * Thread-safe.
 */
public final class SampleServices implements AutoCloseable {
    private final Map<String, ServiceKit> kits;
    private final Map<String, WebServer> servers;
    private final String host;
    /** Everything started, closed in reverse: each server before its clients and its SDK. */
    private final Deque<AutoCloseable> started;

    private SampleServices(Map<String, ServiceKit> kits, Map<String, WebServer> servers, String host,
                           Deque<AutoCloseable> started) {
        this.kits = kits;
        this.servers = servers;
        this.host = host;
        this.started = started;
    }

    /**
     * Starts inventory, then orders, then frontend (each needs the next one's address).
     *
     * @throws IllegalStateException when a port cannot be bound (naming it); nothing stays running
     */
    public static SampleServices start(SampleServicesConfig config) {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            ServiceKit inventory = kit("inventory", config, started);
            WebServer inventoryServer = serve(inventory, config.bindHost(), config.inventoryPort(),
                    new InventoryService(inventory), started);
            URI inventoryUri = uri(config.bindHost(), inventoryServer.port());

            ServiceKit orders = kit("orders", config, started);
            DependencyClient ordersToInventory = client(orders, "inventory", inventoryUri, started);
            WebServer ordersServer = serve(orders, config.bindHost(), config.ordersPort(),
                    new OrdersService(orders, ordersToInventory), started);
            URI ordersUri = uri(config.bindHost(), ordersServer.port());

            ServiceKit frontend = kit("frontend", config, started);
            DependencyClient frontendToOrders = client(frontend, "orders", ordersUri, started);
            DependencyClient frontendToInventory = client(frontend, "inventory", inventoryUri, started);
            WebServer frontendServer = serve(frontend, config.bindHost(), config.frontendPort(),
                    new FrontendService(frontend, frontendToOrders, frontendToInventory), started);

            return new SampleServices(
                    Map.of("frontend", frontend, "orders", orders, "inventory", inventory),
                    Map.of("frontend", frontendServer, "orders", ordersServer, "inventory", inventoryServer),
                    config.bindHost(), started);
        } catch (RuntimeException e) {
            closeAll(started, e);
            throw e;
        }
    }

    public URI frontendUri() {
        return uri(host, servers.get("frontend").port());
    }

    public URI ordersUri() {
        return uri(host, servers.get("orders").port());
    }

    public URI inventoryUri() {
        return uri(host, servers.get("inventory").port());
    }

    /** Replaces {@code service}'s faults at once; its next requests see them. */
    public void setFaults(String service, FaultSettings faults) {
        kitOf(service).faults().set(faults);
    }

    public FaultSettings faults(String service) {
        return kitOf(service).faults().settings();
    }

    /**
     * Stops the servers (frontend first), then exports what the SDKs still hold and shuts them
     * down: everything recorded before this call is sent. Idempotent.
     */
    @Override
    public void close() {
        synchronized (started) {
            RuntimeException failure = closeAll(started, null);
            if (failure != null) {
                throw failure;
            }
        }
    }

    private ServiceKit kitOf(String service) {
        SampleServicesConfig.requireServiceName(service);
        return kits.get(service);
    }

    private static ServiceKit kit(String name, SampleServicesConfig config, Deque<AutoCloseable> started) {
        ServiceKit kit = ServiceKit.create(name, config);
        started.push(kit.telemetry());
        return kit;
    }

    /**
     * Closes everything in reverse start order, except that the SDKs, which may wait for a
     * receiver that is gone, are shut down side by side once the servers and clients are closed.
     * Returns the first failure with the others suppressed.
     */
    private static RuntimeException closeAll(Deque<AutoCloseable> started, RuntimeException failure) {
        List<ServiceTelemetry> telemetries = new ArrayList<>();
        List<AutoCloseable> others = new ArrayList<>();
        while (!started.isEmpty()) {
            AutoCloseable next = started.pop();
            if (next instanceof ServiceTelemetry telemetry) {
                telemetries.add(telemetry);
            } else {
                others.add(next);
            }
        }
        for (AutoCloseable closeable : others) {
            failure = closeQuietly(closeable, failure);
        }
        List<Future<RuntimeException>> closing = new ArrayList<>();
        try (ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ServiceTelemetry telemetry : telemetries) {
                closing.add(parallel.submit(() -> closeQuietly(telemetry, null)));
            }
        }
        for (Future<RuntimeException> closed : closing) {
            RuntimeException e = closed.resultNow();
            if (e != null && failure == null) {
                failure = e;
            } else if (e != null) {
                failure.addSuppressed(e);
            }
        }
        return failure;
    }

    private static DependencyClient client(ServiceKit kit, String dependency, URI base, Deque<AutoCloseable> started) {
        DependencyClient client = kit.clientFor(dependency, base);
        started.push(client);
        return client;
    }

    private static WebServer serve(ServiceKit kit, String host, int port, HttpService business,
                                   Deque<AutoCloseable> started) {
        WebServer server = WebServer.builder()
                .host(host)
                .port(port)
                .shutdownHook(false)
                // Without TCP_NODELAY a response written in two segments waits for the client's
                // delayed ACK: ~40 ms on every keep-alive request, which would swamp the simulated work.
                .connectionOptions(options -> options.tcpNoDelay(true))
                .routing(routing -> routing
                        .register(new AdminService(kit.name(), kit.faults()))
                        .register(business))
                .build()
                .start();
        started.push(server::stop);
        // Helidon logs a listener that cannot bind and stops the server, but does not throw.
        if (server.port() < 0) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + " for " + kit.name()
                    + "; choose another --" + kit.name() + "-port or stop what uses it");
        }
        return server;
    }

    private static URI uri(String host, int port) {
        String literal = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + literal + ":" + port);
    }

    private static RuntimeException closeQuietly(AutoCloseable closeable, RuntimeException failure) {
        try {
            closeable.close();
        } catch (Exception e) {
            RuntimeException wrapped = e instanceof RuntimeException r ? r : new IllegalStateException(e);
            if (failure == null) {
                return wrapped;
            }
            failure.addSuppressed(wrapped);
        }
        return failure;
    }
}
