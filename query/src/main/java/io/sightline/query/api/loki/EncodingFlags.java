package io.sightline.query.api.loki;

import java.util.Locale;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;

/**
 * Loki 3's {@code X-Loki-Response-Encoding-Flags} request header: comma-separated flags, of which
 * Sightline knows {@code categorize-labels} (structured metadata and parsed labels apart from the
 * stream labels, which Grafana asks for from Loki 3 on). Unknown flags are ignored, as Loki ignores them.
 */
final class EncodingFlags {
    static final HeaderName HEADER = HeaderNames.create("X-Loki-Response-Encoding-Flags");

    private EncodingFlags() {
    }

    static boolean categorizeLabels(Headers headers) {
        if (!headers.contains(HEADER)) {
            return false;
        }
        for (String value : headers.get(HEADER).allValues()) {
            for (String flag : value.split(",")) {
                if (flag.trim().toLowerCase(Locale.ROOT).equals(LokiJson.CATEGORIZE_LABELS)) {
                    return true;
                }
            }
        }
        return false;
    }
}
