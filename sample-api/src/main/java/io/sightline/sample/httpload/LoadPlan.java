package io.sightline.sample.httpload;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A scenario compiled for sending: each endpoint's templates and the fixed parts of its request
 * head as bytes, the weighted choice, the connection's address and each user's pacing. Immutable
 * and thread-safe; every user shares one.
 */
final class LoadPlan {

    /** One endpoint, ready to build requests from. */
    record Route(HttpEndpoint endpoint, RequestTemplate path, RequestTemplate body, byte[] methodSpace,
                 boolean head, boolean post) {}

    final HttpLoadScenario scenario;
    final HttpLoadOptions options;
    final List<Route> routes;
    final WeightedChoice choice;
    final String host;
    final int port;
    final boolean tls;
    /** The target's own path without a trailing slash, prefixed to every endpoint path. */
    final String basePath;
    /** " HTTP/1.1\r\nHost: h:p\r\nUser-Agent: ...\r\nAccept: * /*\r\n": what follows every path. */
    final byte[] headTail;
    /** Nanoseconds between one user's requests when paced: users / rate; 0 = unpaced. */
    final double userIntervalNanos;
    final long thinkNanos;

    LoadPlan(HttpLoadScenario scenario, HttpLoadOptions options) {
        this.scenario = scenario;
        this.options = options;
        this.routes = scenario.endpoints().stream().map(e -> new Route(e, RequestTemplate.compile(e.path()),
                RequestTemplate.compile(e.body()), (e.method() + " ").getBytes(StandardCharsets.US_ASCII),
                e.method().equals("HEAD"), e.method().equals("POST"))).toList();
        this.choice = new WeightedChoice(scenario.endpoints());
        URI t = scenario.target();
        this.tls = t.getScheme().equals("https");
        this.host = t.getHost();
        this.port = t.getPort() > 0 ? t.getPort() : tls ? 443 : 80;
        String path = t.getRawPath() == null ? "" : t.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        boolean defaultPort = t.getPort() < 0;
        this.headTail = (" HTTP/1.1\r\nHost: " + host + (defaultPort ? "" : ":" + port)
                + "\r\nUser-Agent: sightline-load\r\nAccept: */*\r\n").getBytes(StandardCharsets.US_ASCII);
        this.userIntervalNanos = scenario.targetRate() == 0 ? 0 : scenario.users() * 1e9 / scenario.targetRate();
        this.thinkNanos = scenario.thinkTime().toNanos();
    }

    Http1Connection connect() {
        return new Http1Connection(host, port, tls, options.connectTimeout(), options.responseTimeout(),
                options.maxBodyBytes());
    }
}
