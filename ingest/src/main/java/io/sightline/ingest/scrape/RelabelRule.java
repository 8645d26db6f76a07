package io.sightline.ingest.scrape;

import java.util.List;
import java.util.Objects;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import io.sightline.storage.tsdb.Labels;

/**
 * One {@code metric_relabel_configs} entry, applied as Prometheus applies it: the regex is anchored
 * at both ends ({@code ^(?s:regex)$}), through RE2J. Actions: {@code replace}, {@code keep},
 * {@code drop}, {@code labeldrop}, {@code labelkeep}, {@code labelmap}, {@code lowercase},
 * {@code uppercase}, {@code keepequal}, {@code dropequal}, {@code hashmod}. Immutable, thread-safe.
 */
public final class RelabelRule {
    /** The relabel actions supported. */
    public enum Action { REPLACE, KEEP, DROP, LABELDROP, LABELKEEP, LABELMAP, LOWERCASE, UPPERCASE, KEEPEQUAL, DROPEQUAL, HASHMOD }

    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final List<String> sourceLabels;
    private final String separator;
    private final String regexText;
    private final Pattern regex;
    private final String targetLabel;
    private final String replacement;
    private final Action action;
    private final long modulus;

    /** A rule without {@code modulus} (every action but {@code hashmod}). */
    public RelabelRule(List<String> sourceLabels, String separator, String regex, String targetLabel,
            String replacement, Action action) {
        this(sourceLabels, separator, regex, targetLabel, replacement, action, 0);
    }

    /** @throws IllegalArgumentException for a regex RE2J refuses or a missing field the action needs */
    public RelabelRule(List<String> sourceLabels, String separator, String regex, String targetLabel,
            String replacement, Action action, long modulus) {
        this.sourceLabels = List.copyOf(sourceLabels);
        this.separator = Objects.requireNonNull(separator, "separator");
        this.regexText = Objects.requireNonNull(regex, "regex");
        try {
            this.regex = Pattern.compile("^(?s:" + regex + ")$");
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regex \"" + regex + "\": " + e.getMessage(), e);
        }
        this.targetLabel = targetLabel;
        this.replacement = Objects.requireNonNull(replacement, "replacement");
        this.action = Objects.requireNonNull(action, "action");
        this.modulus = modulus;
        boolean needsTarget = switch (action) {
            case REPLACE, LOWERCASE, UPPERCASE, KEEPEQUAL, DROPEQUAL, HASHMOD -> true;
            default -> false;
        };
        if (needsTarget && (targetLabel == null || targetLabel.isEmpty())) {
            throw new IllegalArgumentException("relabel action " + action.name().toLowerCase(java.util.Locale.ROOT)
                    + " needs a target_label");
        }
        if (action == Action.HASHMOD && modulus <= 0) {
            throw new IllegalArgumentException("relabel action hashmod needs a positive modulus");
        }
        if ((action == Action.KEEP || action == Action.DROP) && this.sourceLabels.isEmpty()) {
            throw new IllegalArgumentException("relabel action " + action.name().toLowerCase(java.util.Locale.ROOT)
                    + " needs source_labels");
        }
    }

    /** The series after this rule, or null when the rule drops it. */
    public Labels apply(Labels labels) {
        return switch (action) {
            case KEEP -> regex.matcher(joined(labels)).matches() ? labels : null;
            case DROP -> regex.matcher(joined(labels)).matches() ? null : labels;
            case REPLACE -> replace(labels);
            case LOWERCASE -> labels.toBuilder().set(targetLabel, joined(labels).toLowerCase(java.util.Locale.ROOT)).build();
            case UPPERCASE -> labels.toBuilder().set(targetLabel, joined(labels).toUpperCase(java.util.Locale.ROOT)).build();
            case KEEPEQUAL -> joined(labels).equals(labels.get(targetLabel)) ? labels : null;
            case DROPEQUAL -> joined(labels).equals(labels.get(targetLabel)) ? null : labels;
            case HASHMOD -> labels.toBuilder().set(targetLabel, Long.toUnsignedString(
                    Long.remainderUnsigned(hash64(joined(labels)), modulus))).build();
            case LABELDROP, LABELKEEP -> {
                Labels.Builder out = labels.toBuilder();
                for (int i = 0; i < labels.size(); i++) {
                    boolean matches = regex.matcher(labels.name(i)).matches();
                    if (matches == (action == Action.LABELDROP)) {
                        out.delete(labels.name(i));
                    }
                }
                yield out.build();
            }
            case LABELMAP -> {
                Labels.Builder out = labels.toBuilder();
                for (int i = 0; i < labels.size(); i++) {
                    Matcher m = regex.matcher(labels.name(i));
                    String name = m.matches() ? expand(replacement, m) : null;
                    if (name != null && LABEL_NAME.matcher(name).matches()) {
                        out.set(name, labels.value(i));
                    }
                }
                yield out.build();
            }
        };
    }

    private Labels replace(Labels labels) {
        Matcher m = regex.matcher(joined(labels));
        if (!m.matches()) {
            return labels;
        }
        String target = expand(targetLabel, m);
        if (!LABEL_NAME.matcher(target).matches()) {
            return labels;
        }
        String value = expand(replacement, m);
        Labels.Builder out = labels.toBuilder();
        if (value.isEmpty()) {
            out.delete(target);
        } else {
            out.set(target, value);
        }
        return out.build();
    }

    /** Prometheus's hashmod hash: the last 8 bytes of the MD5 sum, big-endian. */
    static long hash64(String value) {
        try {
            byte[] md5 = java.security.MessageDigest.getInstance("MD5").digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.nio.ByteBuffer.wrap(md5, 8, 8).getLong();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a required JDK algorithm", e);
        }
    }

    private String joined(Labels labels) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < sourceLabels.size(); i++) {
            if (i > 0) {
                out.append(separator);
            }
            String value = labels.get(sourceLabels.get(i));
            out.append(value == null ? "" : value);
        }
        return out.toString();
    }

    /** Go's {@code Regexp.Expand}: {@code $1}, {@code ${1}}, {@code $name}, {@code ${name}}, {@code $$}; unknown groups are empty. */
    static String expand(String template, Matcher m) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= template.length()) {
                out.append(c);
                i++;
                continue;
            }
            if (template.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            String name;
            int end;
            if (template.charAt(i + 1) == '{') {
                end = template.indexOf('}', i + 2);
                if (end < 0) {
                    out.append(c);
                    i++;
                    continue;
                }
                name = template.substring(i + 2, end);
                end++;
            } else {
                end = i + 1;
                while (end < template.length() && isWordChar(template.charAt(end))) {
                    end++;
                }
                name = template.substring(i + 1, end);
            }
            if (name.isEmpty()) {
                out.append(c);
                i++;
                continue;
            }
            out.append(group(m, name));
            i = end;
        }
        return out.toString();
    }

    private static String group(Matcher m, String name) {
        String value = null;
        if (name.chars().allMatch(Character::isDigit)) {
            try {
                int index = Integer.parseInt(name);
                value = index <= m.groupCount() ? m.group(index) : null;
            } catch (NumberFormatException e) {
                value = null;
            }
        } else {
            try {
                value = m.group(name);
            } catch (IllegalArgumentException e) {
                value = null;
            }
        }
        return value == null ? "" : value;
    }

    private static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }

    /** Equal rules: the same fields (so an unchanged job keeps its targets' loops across a reload). */
    @Override
    public boolean equals(Object o) {
        return o instanceof RelabelRule r && sourceLabels.equals(r.sourceLabels) && separator.equals(r.separator)
                && regexText.equals(r.regexText) && Objects.equals(targetLabel, r.targetLabel)
                && replacement.equals(r.replacement) && action == r.action && modulus == r.modulus;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sourceLabels, separator, regexText, targetLabel, replacement, action, modulus);
    }

    @Override
    public String toString() {
        return action.name().toLowerCase(java.util.Locale.ROOT) + " " + sourceLabels + " =~ " + regexText;
    }
}
