package io.sightline.ui;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An {@code application/x-www-form-urlencoded} body, as the pages' POST forms send it: each name's
 * first value, decoded as UTF-8 ({@code +} is a space). Stateless.
 */
final class FormBody {
    private FormBody() {
    }

    /**
     * @throws IllegalArgumentException for a malformed percent escape
     */
    static Map<String, String> parse(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return fields;
        }
        for (String pair : body.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            fields.putIfAbsent(name, value);
        }
        return fields;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
