package io.sightline.ingest.otlp.http;

import io.helidon.webserver.WebServer;

/** A Helidon server on a free port with just the OTLP/HTTP service, set up as the appliance does. */
final class TestHttpServer {
    private TestHttpServer() {
    }

    static WebServer start(OtlpHttpService service) {
        return WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .contentEncoding(OtlpHttpService.contentEncoding())
                .routing(routing -> routing.register(service))
                .build()
                .start();
    }
}
