package io.sightline.query.logql.engine;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.sightline.storage.tsdb.Labels;

/**
 * The labels of one line while it goes through a pipeline, as Loki's {@code LabelsBuilder}: the
 * stream's labels, structured metadata and parsed labels, each name holding one value (setting a name
 * moves it to the setter's category and hides a stream label of that name), plus {@code __error__}
 * and {@code __error_details__}. Reset per line; not thread-safe.
 */
final class LineLabels {
    static final String ERROR = "__error__";
    static final String ERROR_DETAILS = "__error_details__";

    private Labels stream = Labels.EMPTY;
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final Map<String, String> parsed = new LinkedHashMap<>();
    private final Set<String> hiddenStream = new HashSet<>();
    private String error = "";
    private String errorDetails = "";

    void reset(Labels streamLabels) {
        stream = streamLabels;
        metadata.clear();
        parsed.clear();
        hiddenStream.clear();
        error = "";
        errorDetails = "";
    }

    /** The value of a label, or null when the line has none. */
    String get(String name) {
        if (name.equals(ERROR)) {
            return error.isEmpty() ? null : error;
        }
        if (name.equals(ERROR_DETAILS)) {
            return errorDetails.isEmpty() ? null : errorDetails;
        }
        String value = parsed.get(name);
        if (value == null) {
            value = metadata.get(name);
        }
        if (value == null && !hiddenStream.contains(name) && stream.has(name)) {
            value = stream.get(name);
        }
        return value;
    }

    /** Whether the stream (not structured metadata, not a parser) has this label: Loki's {@code BaseHas}. */
    boolean streamHas(String name) {
        return stream.has(name);
    }

    void setMetadata(String name, String value) {
        parsed.remove(name);
        hide(name);
        metadata.put(name, value);
    }

    void setParsed(String name, String value) {
        if (name.equals(ERROR)) {
            error = value;
            return;
        }
        if (name.equals(ERROR_DETAILS)) {
            errorDetails = value;
            return;
        }
        metadata.remove(name);
        hide(name);
        parsed.put(name, value);
    }

    /** Sets a label keeping its category: a stream or metadata label stays one, others become parsed. */
    void setKeepingCategory(String name, String value) {
        if (metadata.containsKey(name)) {
            metadata.put(name, value);
        } else {
            setParsed(name, value);
        }
    }

    void delete(String name) {
        if (name.equals(ERROR)) {
            error = "";
        } else if (name.equals(ERROR_DETAILS)) {
            errorDetails = "";
        } else {
            parsed.remove(name);
            metadata.remove(name);
            hide(name);
        }
    }

    private void hide(String name) {
        if (stream.has(name)) {
            hiddenStream.add(name);
        }
    }

    boolean hasError() {
        return !error.isEmpty();
    }

    void setError(String kind, String details) {
        error = kind;
        errorDetails = details;
    }

    /** Every label of the line now, by name (sorted): what the answer shows and templates see. */
    Map<String, String> all() {
        Map<String, String> all = new TreeMap<>();
        stream.forEach((name, value) -> {
            if (!hiddenStream.contains(name)) {
                all.put(name, value);
            }
        });
        all.putAll(metadata);
        all.putAll(parsed);
        if (!error.isEmpty()) {
            all.put(ERROR, error);
        }
        if (!errorDetails.isEmpty()) {
            all.put(ERROR_DETAILS, errorDetails);
        }
        return all;
    }

    /** The structured metadata now (Loki's categorised answer). */
    Map<String, String> metadata() {
        return Map.copyOf(metadata);
    }

    /** The parsed labels now, with {@code __error__}/{@code __error_details__} (Loki puts them there). */
    Map<String, String> parsed() {
        Map<String, String> out = new TreeMap<>(parsed);
        if (!error.isEmpty()) {
            out.put(ERROR, error);
        }
        if (!errorDetails.isEmpty()) {
            out.put(ERROR_DETAILS, errorDetails);
        }
        return out;
    }

    /** All names present now (for {@code keep}). */
    Set<String> names() {
        return all().keySet();
    }
}
