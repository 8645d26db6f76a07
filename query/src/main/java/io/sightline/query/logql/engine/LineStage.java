package io.sightline.query.logql.engine;

/** One compiled pipeline stage. Implementations hold no per-line state, so a pipeline is reused. */
@FunctionalInterface
interface LineStage {
    /** Processes the line in place; false drops it. */
    boolean process(LineContext line);
}
