package io.sightline.sample.load;

import java.io.IOException;
import java.io.InputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.airlift.compress.v3.MalformedInputException;
import io.airlift.compress.v3.snappy.SnappyDecompressor;
import io.airlift.compress.v3.snappy.SnappyJavaDecompressor;
import io.sightline.sample.load.SinkRequestChecks.Refused;

/**
 * {@link ExportSink}'s answer to {@code POST /api/v1/write}, Prometheus remote_write 1.0: checks
 * the headers, reads the body, decompresses it (snappy, block format), decodes it fully and counts
 * its samples ({@link RemoteWriteCounter}), and answers in the form Prometheus's own receiver
 * answers in: 204 with no body when all is well, else a {@code text/plain} reason with 400 for a
 * body that is not snappy or not a valid {@code WriteRequest}, 405 for a method other than POST,
 * 413 for a body over the size limit (compressed, or uncompressed as the snappy header declares it,
 * checked before anything is allocated for it) and 415 for a content type other than {@code
 * application/x-protobuf} (remote_write 2.0's {@code proto=io.prometheus.write.v2.Request}
 * included) or an encoding other than snappy.
 *
 * <p>Stricter than Prometheus, on purpose: the sink is there to measure a sender, and a sender
 * that sends something wrong should fail the benchmark loudly, not be counted. A request without
 * {@code Content-Type} or {@code Content-Encoding} is refused 415, where Prometheus assumes protobuf
 * and snappy for old senders. A series without labels, without {@code __name__}, with an empty or
 * a repeated label name, or a string that is not UTF-8 makes the whole request 400, where
 * Prometheus's 1.0 receiver drops such a series, counts it in {@code
 * prometheus_api_remote_write_invalid_labels_samples_total} and answers 204 (its own comment says
 * the 1.0 spec wants 400; its 2.0 receiver answers 400). Nothing is kept. Thread-safe: one
 * instance serves every request concurrently (the snappy decompressor is stateless; each request
 * has its own {@link RemoteWriteCounter}).
 */
final class RemoteWriteSinkHandler implements HttpHandler {
    static final String PATH = "/api/v1/write";
    static final String PROTOBUF = "application/x-protobuf";
    /** The {@code proto} parameter of remote_write 1.0, also what no parameter means. */
    static final String PROTO_V1 = "prometheus.WriteRequest";
    static final String PROTO_V2 = "io.prometheus.write.v2.Request";
    private static final String TEXT = "text/plain; charset=utf-8";

    private final ExportSinkCounters counters;
    private final int maxBodyBytes;
    private final SnappyDecompressor snappy = new SnappyJavaDecompressor();

    /**
     * @param maxBodyBytes largest body taken, compressed and uncompressed; a larger one is answered 413
     */
    RemoteWriteSinkHandler(ExportSinkCounters counters, int maxBodyBytes) {
        this.counters = counters;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                ExportSink.respond(exchange, 404, TEXT, ExportSink.text("not found\n"));
                return;
            }
            int status = 204;
            String reason = null;
            long items = 0;
            try {
                byte[] request = uncompressedBody(exchange, in);
                items = new RemoteWriteCounter().count(request, request.length);
            } catch (Refused refused) {
                status = refused.status();
                reason = refused.getMessage();
            } catch (RemoteWriteCounter.InvalidWriteRequest e) {
                status = 400;
                reason = e.getMessage();
            }
            counters.record(ExportSinkCounters.Protocol.REMOTE_WRITE, "metrics", status, items);
            if (reason == null) {
                exchange.sendResponseHeaders(204, -1);
            } else {
                ExportSink.respond(exchange, status, TEXT, ExportSink.text(reason + "\n"));
            }
        }
    }

    /** The request's protobuf, after the method and header checks and the snappy block decompressed. */
    private byte[] uncompressedBody(HttpExchange exchange, InputStream in) throws Refused, IOException {
        SinkRequestChecks.requirePost(exchange, "remote_write requests");
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !SinkRequestChecks.mediaType(contentType).equals(PROTOBUF)) {
            throw new Refused(415, "Content-Type " + (contentType == null ? "missing" : "'" + contentType + "'")
                    + ": remote_write 1.0 is " + PROTOBUF + " (proto=" + PROTO_V1 + ")");
        }
        String proto = protoParameter(contentType);
        if (PROTO_V2.equals(proto)) {
            throw new Refused(415, "remote_write 2.0 (proto=" + PROTO_V2 + ") is not spoken here: send remote_write"
                    + " 1.0, proto=" + PROTO_V1);
        } else if (proto != null && !proto.equals(PROTO_V1)) {
            throw new Refused(415, "proto=" + proto + " is not accepted: only " + PROTO_V1 + " (remote_write 1.0)");
        }
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding == null || !encoding.trim().equalsIgnoreCase("snappy")) {
            throw new Refused(415, "Content-Encoding " + (encoding == null ? "missing" : "'" + encoding + "'")
                    + ": remote_write bodies are snappy (block format)");
        }
        byte[] compressed = SinkRequestChecks.readAtMost(in, maxBodyBytes, "the body");
        int declared;
        try {
            declared = snappy.getUncompressedLength(compressed, 0);
        } catch (MalformedInputException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new Refused(400, "the body is not snappy (block format): its length header is broken: "
                    + e.getMessage());
        }
        if (declared > maxBodyBytes) {
            throw new Refused(413, "the body is " + declared + " bytes uncompressed (its snappy header says), over "
                    + maxBodyBytes + " (--max-body-bytes)");
        }
        byte[] request = new byte[declared];
        try {
            snappy.decompress(compressed, 0, compressed.length, request, 0, declared);
        } catch (MalformedInputException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new Refused(400, "the body is not snappy (block format): " + e.getMessage());
        }
        return request;
    }

    /**
     * The value of the {@code proto} parameter of {@code contentType} (RFC 9110 parameters: the name
     * in any case, the value a token or a quoted string), or null when there is none.
     *
     * @throws Refused 415 for a parameter that is not {@code name=value}, as Prometheus answers
     */
    static String protoParameter(String contentType) throws Refused {
        String[] parts = contentType.split(";", -1);
        String proto = null;
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            int equals = parameter.indexOf('=');
            if (equals <= 0) {
                throw new Refused(415, "Content-Type '" + contentType + "': parameter '" + parameter
                        + "' is not name=value");
            }
            if (parameter.substring(0, equals).trim().equalsIgnoreCase("proto")) {
                proto = unquote(parameter.substring(equals + 1).trim());
            }
        }
        return proto;
    }

    /** A quoted-string's content, its quoted pairs ({@code \x}) unescaped; a token as it is. */
    private static String unquote(String value) {
        if (value.length() < 2 || !value.startsWith("\"") || !value.endsWith("\"")) {
            return value;
        }
        StringBuilder content = new StringBuilder(value.length());
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() - 1) {
                c = value.charAt(++i);
            }
            content.append(c);
        }
        return content.toString();
    }
}
