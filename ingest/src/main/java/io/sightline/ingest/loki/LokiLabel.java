package io.sightline.ingest.loki;

import java.util.Objects;

/**
 * One name/value pair of a Loki push: a stream label, or an entry's structured metadata.
 *
 * @param name  as sent (stream label names are checked by {@link StreamLabelsParser})
 * @param value as sent, after unquoting
 */
record LokiLabel(String name, String value) {
    LokiLabel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
