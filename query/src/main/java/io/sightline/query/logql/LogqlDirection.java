package io.sightline.query.logql;

/** The order of log lines in a log query's answer, and which end of the range a limit keeps. */
public enum LogqlDirection {
    /** Oldest first; a limit keeps the entries nearest the start. */
    FORWARD,
    /** Newest first; a limit keeps the entries nearest the end (Loki's default). */
    BACKWARD
}
