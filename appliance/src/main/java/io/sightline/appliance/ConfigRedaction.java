package io.sightline.appliance;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the status page may show of an option's value: secrets replaced by {@link #REDACTED}.
 *
 * <ul>
 *   <li>An option whose key names a secret (a word {@code password}, {@code passwd}, {@code secret},
 *       {@code token}, {@code credential(s)}, {@code auth}, {@code authorization}, {@code key} or
 *       {@code apikey}, between dots, dashes or underscores) shows only that it is set.</li>
 *   <li>Every URL in any value loses its user info ({@code https://<redacted>@host}), its query
 *       ({@code ?<redacted>}: tokens travel there) and its fragment.</li>
 *   <li>A webhook URL (an option whose key says {@code webhook}) also loses its path: Slack's and
 *       many chat services' webhook URLs carry the token as path segments. A receiver's
 *       {@code name=} prefix stays.</li>
 * </ul>
 * A value that is not a URL and not under a secret key is shown as it is. Lists are shown
 * comma-separated, each element redacted on its own. Stateless.
 */
final class ConfigRedaction {
    static final String REDACTED = "<redacted>";
    private static final List<String> SECRET_WORDS = List.of("password", "passwd", "secret", "secrets", "token",
            "tokens", "credential", "credentials", "auth", "authorization", "key", "apikey");

    private ConfigRedaction() {
    }

    /** Every option of {@code config} in its order, as the status page shows it. */
    static Map<String, String> shown(ApplianceConfig config) {
        Map<String, String> out = new LinkedHashMap<>();
        config.values().forEach((key, value) -> out.put(key, shown(key, value)));
        return out;
    }

    /** The value of option {@code key} as the status page shows it. */
    static String shown(String key, Object value) {
        String text = value instanceof Collection<?> list
                ? list.stream().map(String::valueOf).collect(Collectors.joining(", "))
                : String.valueOf(value);
        if (text.isEmpty()) {
            return text;
        }
        if (secretKey(key)) {
            return REDACTED;
        }
        boolean webhook = key.toLowerCase(Locale.ROOT).contains("webhook");
        if (value instanceof Collection<?> list) {
            return list.stream().map(element -> element(String.valueOf(element), webhook))
                    .collect(Collectors.joining(", "));
        }
        return element(text, webhook);
    }

    static boolean secretKey(String key) {
        for (String word : key.toLowerCase(Locale.ROOT).split("[._-]")) {
            if (SECRET_WORDS.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static String element(String text, boolean webhook) {
        int scheme = text.indexOf("://");
        if (scheme < 0) {
            return text;
        }
        int eq = text.indexOf('=');
        String prefix = eq >= 0 && eq < scheme ? text.substring(0, eq + 1) : "";
        return prefix + url(text.substring(prefix.length()), webhook);
    }

    /** A URL without its secret parts; one that does not parse shows only its scheme. */
    static String url(String text, boolean webhook) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            int scheme = text.indexOf("://");
            return text.substring(0, scheme + 3) + REDACTED;
        }
        if (uri.getScheme() == null || uri.getRawAuthority() == null) {
            return REDACTED;
        }
        StringBuilder out = new StringBuilder(uri.getScheme()).append("://");
        if (uri.getRawUserInfo() != null) {
            out.append(REDACTED).append('@');
        }
        String authority = uri.getRawAuthority();
        int at = authority.lastIndexOf('@');
        out.append(at >= 0 ? authority.substring(at + 1) : authority);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (webhook && !path.isEmpty() && !path.equals("/")) {
            out.append('/').append(REDACTED);
        } else {
            out.append(path);
        }
        if (uri.getRawQuery() != null) {
            out.append('?').append(REDACTED);
        }
        if (uri.getRawFragment() != null) {
            out.append('#').append(REDACTED);
        }
        return out.toString();
    }
}
