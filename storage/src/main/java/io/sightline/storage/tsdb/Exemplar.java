package io.sightline.storage.tsdb;

import java.util.Objects;

/** An exemplar: a sample of one request (often with its trace id in labels) attached to a series. */
public record Exemplar(Labels labels, double value, long timestampMs) {
    public Exemplar {
        Objects.requireNonNull(labels, "labels");
    }
}
