package io.sightline.sample.load;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import com.sun.net.httpserver.HttpExchange;

/**
 * The checks of a request that {@link ExportSink}'s receivers (OTLP/HTTP and remote_write) make
 * the same way: POST only, the media type of {@code Content-Type}, a body read up to a size limit.
 * A failed check throws {@link Refused} with the status to answer; each receiver writes the answer
 * in its own protocol's form. Stateless.
 */
final class SinkRequestChecks {
    private SinkRequestChecks() {}

    /** A request answered with an error status and a reason; no stack trace, it is an answer. */
    static final class Refused extends Exception {
        private final int status;

        Refused(int status, String reason) {
            super(reason, null, false, false);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /**
     * Refuses any method but POST with 405, setting {@code Allow: POST} on the answer.
     *
     * @param what what is POSTed, for the reason: {@code "OTLP/HTTP exports"}
     */
    static void requirePost(HttpExchange exchange, String what) throws Refused {
        if (!exchange.getRequestMethod().equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "POST");
            throw new Refused(405, exchange.getRequestMethod() + " is not allowed: " + what + " are POSTed");
        }
    }

    /** {@code Application/X-Protobuf; charset=...} -> {@code application/x-protobuf}. */
    static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads {@code in} to its end, refusing with 413 once it has more than {@code maxBytes}: at most
     * {@code maxBytes + 1} bytes are read or held.
     *
     * @param what the body, for the reason: {@code "the body"}, {@code "the gunzipped body"}
     */
    static byte[] readAtMost(InputStream in, int maxBytes, String what) throws Refused, IOException {
        byte[] body = in.readNBytes(maxBytes + 1);
        if (body.length > maxBytes) {
            throw new Refused(413, what + " is over " + maxBytes + " bytes (--max-body-bytes)");
        }
        return body;
    }
}
