package io.sightline.ingest.otlp.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.RetryInfo;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.http.encoding.ContentEncodingContext;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.sightline.ingest.Signal;
import io.sightline.ingest.Transport;
import io.sightline.ingest.otlp.IngestResult;
import io.sightline.ingest.otlp.IngestStatus;
import io.sightline.ingest.otlp.OtlpIngest;

/**
 * The OTLP/HTTP receiver as a Helidon {@link HttpService}: {@code POST /v1/traces},
 * {@code /v1/metrics} and {@code /v1/logs} with {@code application/x-protobuf} or
 * {@code application/json} bodies, optionally gzip-compressed. Answers in the request's encoding:
 * the {@code Export*ServiceResponse} on success, a {@code google.rpc.Status} on error, with
 * {@code Retry-After} (seconds) on 429 and 503. Other content types get 415, bodies over
 * {@code ingest.max-request-bytes} (compressed or decompressed) 413, other methods 405.
 *
 * <p>Register it on a listener whose content encoding is {@link #contentEncoding()}, or gzip
 * requests get Helidon's 400:
 * <pre>{@code
 * WebServer.builder()
 *     .putSocket("otlp", listener -> listener.port(4318)
 *         .contentEncoding(OtlpHttpService.contentEncoding())
 *         .routing(routing -> routing.register(new OtlpHttpService(ingest))))
 * }</pre>
 * Handlers block (Helidon runs each request on a virtual thread). Thread-safe.
 */
public final class OtlpHttpService implements HttpService {
    private static final String PROTOBUF = "application/x-protobuf";
    private static final String JSON = "application/json";
    private static final JsonFormat.Printer JSON_PRINTER = JsonFormat.printer()
            .omittingInsignificantWhitespace()
            .usingTypeRegistry(JsonFormat.TypeRegistry.newBuilder().add(RetryInfo.getDescriptor()).build());

    private final OtlpIngest ingest;

    public OtlpHttpService(OtlpIngest ingest) {
        this.ingest = ingest;
    }

    /** The content-encoding context the listener serving this service needs: gzip request decoding. */
    public static ContentEncodingContext contentEncoding() {
        return GzipContentEncoding.context();
    }

    @Override
    public void routing(HttpRules rules) {
        for (Signal signal : Signal.values()) {
            String path = "/v1/" + signal.walName();
            rules.post(path, (request, response) -> export(signal, request, response));
            rules.any(path, (request, response) -> response.status(Status.METHOD_NOT_ALLOWED_405)
                    .header(HeaderNames.ALLOW, "POST")
                    .send("only POST is allowed on " + path));
        }
    }

    private void export(Signal signal, ServerRequest request, ServerResponse response) {
        long start = System.nanoTime();
        Optional<Transport> transport = transport(request.headers().contentType());
        if (transport.isEmpty()) {
            String type = request.headers().contentType().map(t -> t.mediaType().text()).orElse("none");
            send(response, Transport.HTTP_JSON, ingest.refuse(signal, Transport.HTTP_PROTOBUF,
                    IngestStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported content type " + type + ", use "
                            + PROTOBUF + " or " + JSON, start));
            return;
        }
        int limit = ingest.limits().maxRequestBytes();
        OptionalLong length = request.headers().contentLength();
        if (length.isPresent() && length.getAsLong() > limit) {
            send(response, transport.get(), tooLarge(signal, transport.get(), length.getAsLong() + " bytes", start));
            return;
        }
        byte[] body;
        try (InputStream in = request.content().inputStream()) {
            // A gzip body's Content-Length is its compressed size: no hint for the decoded one.
            boolean encoded = request.headers().contains(HeaderNames.CONTENT_ENCODING);
            body = BoundedBody.read(in, limit, encoded ? -1 : length.orElse(-1));
        } catch (IOException | UncheckedIOException e) {
            String reason = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause().toString()
                    : e.toString();
            send(response, transport.get(), ingest.refuse(signal, transport.get(), IngestStatus.INVALID,
                    "cannot read the request body: " + reason, start));
            return;
        }
        if (body == null) {
            send(response, transport.get(), tooLarge(signal, transport.get(), "more than " + limit + " bytes", start));
            return;
        }
        send(response, transport.get(), ingest.ingest(signal, transport.get(), body, start).join());
    }

    private IngestResult tooLarge(Signal signal, Transport transport, String size, long start) {
        return ingest.refuse(signal, transport, IngestStatus.TOO_LARGE, "request body of " + size
                + " is over the limit of " + ingest.limits().maxRequestBytes() + " bytes (ingest.max-request-bytes)",
                start);
    }

    private static Optional<Transport> transport(Optional<HttpMediaType> contentType) {
        if (contentType.isEmpty()) {
            return Optional.empty();
        }
        String type = contentType.get().mediaType().type().toLowerCase(Locale.ROOT) + "/"
                + contentType.get().mediaType().subtype().toLowerCase(Locale.ROOT);
        return switch (type) {
            case PROTOBUF -> Optional.of(Transport.HTTP_PROTOBUF);
            case JSON -> Optional.of(Transport.HTTP_JSON);
            default -> Optional.empty();
        };
    }

    private static void send(ServerResponse response, Transport transport, IngestResult result) {
        response.status(Status.create(result.status().httpStatus()));
        if (result.retryAfterSeconds() > 0) {
            response.header(HeaderNames.RETRY_AFTER, Long.toString(result.retryAfterSeconds()));
        }
        if (transport == Transport.HTTP_JSON) {
            response.header(HeaderNames.CONTENT_TYPE, JSON);
            response.send(json(result.response()));
        } else {
            response.header(HeaderNames.CONTENT_TYPE, PROTOBUF);
            response.send(result.response().toByteArray());
        }
    }

    private static byte[] json(Message message) {
        try {
            return JSON_PRINTER.print(message).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("cannot print " + message.getDescriptorForType().getName(), e);
        }
    }
}
