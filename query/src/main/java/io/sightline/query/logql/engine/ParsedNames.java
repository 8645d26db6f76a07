package io.sightline.query.logql.engine;

/**
 * How Loki's parsers turn a key into a label name: spaces trimmed, a leading digit prefixed with
 * {@code _} (first key segment only), every character outside {@code [a-zA-Z0-9_]} replaced by
 * {@code _}; a name the stream already has gets {@code _extracted} appended. Stateless.
 */
final class ParsedNames {
    static final String DUPLICATE_SUFFIX = "_extracted";

    private ParsedNames() {
    }

    static String sanitize(String key, boolean first) {
        String trimmed = key.strip();
        if (trimmed.isEmpty()) {
            return trimmed;
        }
        StringBuilder out = new StringBuilder(trimmed.length() + 1);
        if (first && trimmed.charAt(0) >= '0' && trimmed.charAt(0) <= '9') {
            out.append('_');
        }
        trimmed.codePoints().forEach(c -> {
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            out.append(ok ? (char) c : '_');
        });
        return out.toString();
    }

    /** Sets a parsed label, renaming it when the stream has one of that name; empty names are skipped. */
    static void set(LineLabels labels, String name, String value) {
        if (name.isEmpty()) {
            return;
        }
        labels.setParsed(labels.streamHas(name) ? name + DUPLICATE_SUFFIX : name, value);
    }
}
