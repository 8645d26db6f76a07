package io.sightline.sample.load;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.sightline.sample.load.SinkRequestChecks.Refused;

/**
 * {@link ExportSink}'s answer to {@code POST /v1/<signal>}: checks the content type and encoding,
 * reads the body (gunzipped when {@code Content-Encoding: gzip}), decodes it fully with the
 * opentelemetry-proto classes, counts its items and answers 200 with an empty {@code
 * Export*ServiceResponse}. A refusal is answered, as OTLP/HTTP asks, with a protobuf {@code
 * google.rpc.Status} whose message says why: 400 for a body that does not decode (or bad gzip), 413
 * for one over the size limit, 415 for a content type other than {@code application/x-protobuf} or
 * an unknown encoding, 405 for a method other than POST. Nothing is kept. Thread-safe: one instance
 * serves every request of its signal concurrently.
 */
final class OtlpSinkHandler implements HttpHandler {
    static final String PROTOBUF = "application/x-protobuf";
    /** {@code google.rpc.Code.INVALID_ARGUMENT}: the request cannot be taken as it is. */
    private static final int INVALID_ARGUMENT = 3;

    private final OtlpSinkSignal signal;
    private final ExportSinkCounters counters;
    private final int maxBodyBytes;

    /**
     * @param maxBodyBytes largest body taken, after decompression; a larger one is answered 413
     */
    OtlpSinkHandler(OtlpSinkSignal signal, ExportSinkCounters counters, int maxBodyBytes) {
        this.signal = signal;
        this.counters = counters;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            if (!exchange.getRequestURI().getPath().equals(signal.path())) {
                ExportSink.respond(exchange, 404, "text/plain; charset=utf-8", ExportSink.text("not found\n"));
                return;
            }
            int status;
            byte[] answer;
            long items = 0;
            try {
                items = signal.countItems(body(exchange, in));
                status = 200;
                answer = signal.successBody();
            } catch (Refused refused) {
                status = refused.status();
                answer = statusBody(refused.getMessage());
            } catch (InvalidProtocolBufferException e) {
                status = 400;
                answer = statusBody("the body is not an OTLP " + signal.label() + " export request (protobuf): "
                        + e.getMessage());
            }
            counters.record(ExportSinkCounters.Protocol.OTLP, signal.label(), status, items);
            ExportSink.respond(exchange, status, PROTOBUF, answer);
        }
    }

    /** The request's body, uncompressed, after the method and header checks. */
    private byte[] body(HttpExchange exchange, InputStream in) throws Refused, IOException {
        SinkRequestChecks.requirePost(exchange, "OTLP/HTTP exports");
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !SinkRequestChecks.mediaType(contentType).equals(PROTOBUF)) {
            throw new Refused(415, "Content-Type " + (contentType == null ? "missing" : "'" + contentType + "'")
                    + ": this sink takes " + PROTOBUF + " only");
        }
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        boolean gzip = encoding != null && encoding.trim().equalsIgnoreCase("gzip");
        if (encoding != null && !gzip && !encoding.trim().equalsIgnoreCase("identity")) {
            throw new Refused(415, "Content-Encoding '" + encoding + "' is not supported: gzip or none");
        }
        try {
            return SinkRequestChecks.readAtMost(gzip ? new GZIPInputStream(in) : in, maxBodyBytes,
                    gzip ? "the body uncompressed" : "the body");
        } catch (ZipException | EOFException e) {
            throw new Refused(400, "the body is not valid gzip: " + e.getMessage());
        }
    }

    /** A {@code google.rpc.Status {code = 1; message = 2}}, written by hand: its class is not a dependency here. */
    static byte[] statusBody(String message) {
        byte[] out = new byte[CodedOutputStream.computeInt32Size(1, INVALID_ARGUMENT)
                + CodedOutputStream.computeStringSize(2, message)];
        CodedOutputStream writer = CodedOutputStream.newInstance(out);
        try {
            writer.writeInt32(1, INVALID_ARGUMENT);
            writer.writeString(2, message);
            writer.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new IllegalStateException("a Status does not fit its computed size", e);
        }
        return out;
    }
}
