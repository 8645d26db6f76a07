package io.sightline.storage.tsdb;

/** What the PromQL engine reads from. Thread-safe. */
public interface Queryable {
    /** A querier over [mintMs, maxtMs], inclusive Unix milliseconds. */
    SeriesQuerier querier(long mintMs, long maxtMs);
}
