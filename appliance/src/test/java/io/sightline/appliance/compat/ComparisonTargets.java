package io.sightline.appliance.compat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The scrape targets both Prometheus and Sightline scrape in {@link ScrapePrometheusComparisonIT}:
 * one server with a text 0.0.4 page ({@code /text}, changeable), an OpenMetrics page ({@code /om}),
 * a page holding one series twice ({@code /dup}), a path that never answers ({@code /slow}), a
 * valid page of {@value #HUGE_BYTES} bytes and more ({@code /huge}) and a malformed one ({@code /bad});
 * and a second server ({@code /metrics}) that {@link #stopGone()} takes away. The pages hold fixed
 * values, so what two scrapers record at different instants is the same. Thread-safe.
 */
final class ComparisonTargets implements AutoCloseable {
    static final String TEXT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    static final String OPENMETRICS_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    /** The least size of the huge page. */
    static final int HUGE_BYTES = 64 * 1024;

    /** The text page's own timestamp (integer ms), and the OpenMetrics page's (float seconds, ms digits). */
    final long stampMs;
    private final HttpServer server;
    private final HttpServer gone;
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicReference<String> textPage;

    ComparisonTargets(long stampMs) throws IOException {
        this.stampMs = stampMs;
        this.textPage = new AtomicReference<>(textPage(true));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/text", exchange -> send(exchange, TEXT_TYPE, textPage.get()));
        server.createContext("/om", exchange -> send(exchange, OPENMETRICS_TYPE, openMetricsPage()));
        server.createContext("/dup", exchange -> send(exchange, TEXT_TYPE, """
                # TYPE dup_metric gauge
                dup_metric{a="1"} 1
                dup_other 3
                dup_metric{a="1"} 2
                dup_metric{a="2"} 4
                """));
        server.createContext("/huge", exchange -> send(exchange, TEXT_TYPE, hugePage()));
        server.createContext("/bad", exchange -> send(exchange, TEXT_TYPE, "bad_metric{a=\"1\" 2\nfine 1\n"));
        server.createContext("/slow", exchange -> {
            try {
                release.await(); // never answers while the test runs
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        gone = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gone.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        gone.createContext("/metrics", exchange -> send(exchange, TEXT_TYPE,
                "gone_value{k=\"v\"} 11\ngone_total 12\ngone_stamped 13 " + stampMs + "\n"));
        gone.start();
    }

    /** host:port of the server of /text, /om, /dup and /slow. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** host:port of the target that goes away. */
    String goneAddress() {
        return "127.0.0.1:" + gone.getAddress().getPort();
    }

    /** Serves the text page without {@code demo_flapping} (or with it again). */
    void flapping(boolean present) {
        textPage.set(textPage(present));
    }

    /** Takes the gone target away: its port refuses connections from now on. */
    void stopGone() {
        gone.stop(0);
    }

    private String textPage(boolean flapping) {
        return """
                # HELP demo_requests_total Requests served, by "code" and path.\\nA second line, a \\\\ backslash.
                # TYPE demo_requests_total counter
                demo_requests_total{code="200",path="/api/users"} 1027
                demo_requests_total{code="500",path="/api/\\"quoted\\"\\\\back\\nslash"} 3
                demo_requests_total { code="404" , path="/api/teapot", empty="", } 4
                # TYPE demo_temperature gauge
                demo_temperature{room="kitchen"} -3.5e-2
                demo_temperature{room="attic"} +Inf
                demo_temperature{room="cellar"} -inf
                demo_temperature{room="vault"} 1.7976931348623157e308
                # TYPE demo_latency_seconds histogram
                demo_latency_seconds_bucket{le="0.1"} 5
                demo_latency_seconds_bucket{le="1"} 8
                demo_latency_seconds_bucket{le="+Inf"} 9
                demo_latency_seconds_sum 3.25
                demo_latency_seconds_count 9
                # TYPE demo_rpc_seconds summary
                demo_rpc_seconds{quantile="0.5"} 0.01
                demo_rpc_seconds{quantile="0.99"} 0.5
                demo_rpc_seconds_sum 1.5
                demo_rpc_seconds_count 2
                # a plain comment
                demo_untyped_stamped{kind="stamped"} 42 %d
                demo_drop_me 1
                demo_clash{job="from-page",instance="page-instance"} 6
                demo_relabel{path="/api/orders/17"} 7
                """.formatted(stampMs) + (flapping ? "demo_flapping 1\n" : "");
    }

    private static String hugePage() {
        StringBuilder page = new StringBuilder();
        for (int i = 0; page.length() < HUGE_BYTES; i++) {
            page.append("huge_series{n=\"").append(i).append("\"} ").append(i).append('\n');
        }
        return page.toString();
    }

    private String openMetricsPage() {
        return """
                # TYPE om_jobs counter
                # HELP om_jobs Jobs processed.
                om_jobs_total{queue="a b"} 17 # {trace_id="abc"} 1.0 1700000000.000
                om_jobs_created{queue="a b"} 1.7000000005e9
                # TYPE om_queue_bytes gauge
                # UNIT om_queue_bytes bytes
                om_queue_bytes 2048
                # TYPE om_wait_seconds histogram
                om_wait_seconds_bucket{le="0.5"} 1
                om_wait_seconds_bucket{le="+Inf"} 2
                om_wait_seconds_sum 0.75
                om_wait_seconds_count 2
                om_wait_seconds_created 1700000000
                # TYPE om_build info
                om_build_info{version="1.2.3",escaped="q\\"b\\\\n\\n"} 1
                # TYPE om_state stateset
                om_state{om_state="ready"} 1
                om_state{om_state="busy"} 0
                # TYPE om_stamped gauge
                om_stamped 5 %d.%03d
                # EOF
                """.formatted(stampMs / 1000, stampMs % 1000);
    }

    private static void send(HttpExchange exchange, String contentType, String page) throws IOException {
        byte[] body = page.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        gone.stop(0);
    }
}
