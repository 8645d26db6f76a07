package io.sightline.query.rules;

/**
 * Metric and label name validity as Prometheus 3 checks rule files (its default UTF-8 validation
 * scheme): any non-empty, well-formed UTF-16 string is a valid name. Prometheus 2's legacy rule
 * ({@code [a-zA-Z_:][a-zA-Z0-9_:]*}) no longer applies, matching the rest of Sightline's API.
 */
final class RuleNames {
    private RuleNames() {
    }

    static boolean isValidMetricName(String name) {
        return isValidLabelName(name);
    }

    static boolean isValidLabelName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= name.length() || !Character.isLowSurrogate(name.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
