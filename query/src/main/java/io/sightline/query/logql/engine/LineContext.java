package io.sightline.query.logql.engine;

/** One line in a pipeline: its text (changed by {@code line_format}), time and labels. Not thread-safe. */
final class LineContext {
    final LineLabels labels = new LineLabels();
    String line;
    long timeNanos;
}
