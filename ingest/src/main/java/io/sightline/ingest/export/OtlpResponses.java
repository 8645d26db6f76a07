package io.sightline.ingest.export;

import java.nio.charset.StandardCharsets;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.sightline.ingest.Signal;

/**
 * Reads what an OTLP server answers, over HTTP and gRPC alike: the {@code partial_success} of an
 * {@code Export*ServiceResponse}, and the message of a {@code google.rpc.Status} error body.
 */
final class OtlpResponses {
    /** How much of a body that is not a Status goes into a reason, in characters. */
    static final int TEXT_REASON_CHARS = 200;

    private OtlpResponses() {
    }

    /**
     * The accepted outcome of a success response: its partial success, or everything accepted when
     * the body is empty, has none, or does not parse (the server took the request either way, and
     * sending it again would duplicate it).
     */
    static SendOutcome.Accepted accepted(Signal signal, byte[] body) {
        if (body.length == 0) {
            return SendOutcome.Accepted.ALL;
        }
        try {
            return switch (signal) {
                case TRACES -> {
                    var partial = ExportTraceServiceResponse.parseFrom(body).getPartialSuccess();
                    yield accepted(partial.getRejectedSpans(), partial.getErrorMessage());
                }
                case LOGS -> {
                    var partial = ExportLogsServiceResponse.parseFrom(body).getPartialSuccess();
                    yield accepted(partial.getRejectedLogRecords(), partial.getErrorMessage());
                }
                case METRICS -> {
                    var partial = ExportMetricsServiceResponse.parseFrom(body).getPartialSuccess();
                    yield accepted(partial.getRejectedDataPoints(), partial.getErrorMessage());
                }
            };
        } catch (InvalidProtocolBufferException e) {
            return SendOutcome.Accepted.ALL;
        }
    }

    private static SendOutcome.Accepted accepted(long rejected, String message) {
        return rejected == 0 && message.isEmpty() ? SendOutcome.Accepted.ALL : new SendOutcome.Accepted(rejected, message);
    }

    /**
     * What an OTLP/HTTP error body says: the {@code message} of its {@code google.rpc.Status}
     * (protobuf, or JSON when {@code contentType} says so), else the start of the body as text.
     */
    static String errorMessage(byte[] body, String contentType) {
        if (body.length == 0) {
            return "";
        }
        String message = contentType != null && contentType.toLowerCase().contains("json")
                ? jsonStatusMessage(body)
                : protobufStatusMessage(body);
        return message != null && !message.isBlank() ? message : text(body, TEXT_REASON_CHARS);
    }

    private static String protobufStatusMessage(byte[] body) {
        try {
            return com.google.rpc.Status.parseFrom(body).getMessage();
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
    }

    private static String jsonStatusMessage(byte[] body) {
        try {
            JsonElement json = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
            JsonElement message = json.isJsonObject() ? json.getAsJsonObject().get("message") : null;
            return message != null && message.isJsonPrimitive() ? message.getAsString() : null;
        } catch (RuntimeException e) {
            return null; // not JSON after all: the caller falls back to the text
        }
    }

    /** The first {@code maxChars} characters of {@code body} as UTF-8, trimmed, control characters as blanks. */
    static String text(byte[] body, int maxChars) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.length() > maxChars) {
            text = text.substring(0, maxChars) + "…";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return out.toString();
    }
}
