package io.sightline.ingest.prometheus;

/**
 * Prometheus's (pre-UTF-8) name rules: metric names match {@code [a-zA-Z_:][a-zA-Z0-9_:]*}, label
 * names {@code [a-zA-Z_][a-zA-Z0-9_]*}. Checked on raw bytes so remote_write labels need no
 * String. Thread-safe (static).
 */
public final class PrometheusNames {
    private PrometheusNames() {
    }

    public static boolean isValidMetricName(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            byte b = bytes[offset + i];
            if (!(isLetter(b) || b == '_' || b == ':' || (i > 0 && b >= '0' && b <= '9'))) {
                return false;
            }
        }
        return true;
    }

    public static boolean isValidLabelName(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            byte b = bytes[offset + i];
            if (!(isLetter(b) || b == '_' || (i > 0 && b >= '0' && b <= '9'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    }
}
