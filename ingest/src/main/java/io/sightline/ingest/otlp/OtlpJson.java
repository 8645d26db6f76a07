package io.sightline.ingest.otlp;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;

/**
 * Reads OTLP/JSON. The OTLP spec encodes trace and span ids as hex strings where protobuf's JSON
 * mapping expects base64, so the ids are rewritten from hex to base64 in the JSON tree before
 * {@link JsonFormat} parses it. Field names may be lowerCamelCase or snake_case and enums names or
 * numbers (both JsonFormat's own rules); unknown fields are ignored as the spec requires.
 * Thread-safe.
 */
final class OtlpJson {
    /** Every id field in the OTLP messages, in both spellings (spans, links, log records, exemplars). */
    private static final Set<String> ID_FIELDS =
            Set.of("traceId", "trace_id", "spanId", "span_id", "parentSpanId", "parent_span_id");
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    /** Longest piece of a bad value quoted back in an error message. */
    private static final int QUOTE_LIMIT = 40;

    private OtlpJson() {
    }

    /** Merges {@code body} (UTF-8 OTLP/JSON) into {@code builder}. */
    static void merge(byte[] body, Message.Builder builder) {
        String text = decodeUtf8(body);
        JsonElement tree;
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            tree = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new InvalidRequestException("invalid JSON: unexpected data after the top-level value");
            }
        } catch (JsonParseException | IOException e) {
            throw new InvalidRequestException("invalid JSON: " + rootMessage(e), e);
        }
        if (!tree.isJsonObject()) {
            throw new InvalidRequestException("invalid OTLP/JSON: the body must be a JSON object");
        }
        rewriteIds(tree, "");
        try {
            PARSER.merge(tree.toString(), builder);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new InvalidRequestException("invalid OTLP/JSON: " + rootMessage(e), e);
        }
    }

    private static String decodeUtf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidRequestException("invalid JSON: the body is not valid UTF-8", e);
        }
    }

    private static void rewriteIds(JsonElement element, String path) {
        if (element.isJsonObject()) {
            for (Map.Entry<String, JsonElement> field : element.getAsJsonObject().entrySet()) {
                String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                JsonElement value = field.getValue();
                if (ID_FIELDS.contains(field.getKey()) && value.isJsonPrimitive()) {
                    field.setValue(new JsonPrimitive(hexToBase64(value.getAsJsonPrimitive(), fieldPath)));
                } else {
                    rewriteIds(value, fieldPath);
                }
            }
        } else if (element.isJsonArray()) {
            JsonArray array = element.getAsJsonArray();
            for (int i = 0; i < array.size(); i++) {
                rewriteIds(array.get(i), path + "[" + i + "]");
            }
        }
    }

    private static String hexToBase64(JsonPrimitive value, String path) {
        if (!value.isString()) {
            throw new InvalidRequestException(path + ": an id must be a hex string");
        }
        String hex = value.getAsString();
        if (hex.length() % 2 != 0 || !isHex(hex)) {
            throw new InvalidRequestException(path + ": '" + quote(hex) + "' is not a hex id");
        }
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    }

    private static boolean isHex(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    private static String quote(String text) {
        return text.length() <= QUOTE_LIMIT ? text : text.substring(0, QUOTE_LIMIT) + "...";
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }
}
