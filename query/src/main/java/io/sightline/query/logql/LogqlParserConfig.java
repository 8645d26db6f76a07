package io.sightline.query.logql;

/**
 * Bounds on what the LogQL parser accepts, so a hostile query cannot use unbounded memory or stack.
 *
 * @param maxQueryBytes longest query in UTF-8 bytes (default 64 KiB: far above any hand-written or
 *                      Grafana-built query; Loki's own lexer buffer is smaller)
 * @param maxDepth      deepest nesting of parentheses, aggregations, binary operations and label
 *                      filter groups (default 256; each level is a few stack frames of the
 *                      recursive-descent parser)
 */
public record LogqlParserConfig(int maxQueryBytes, int maxDepth) {
    public static final int DEFAULT_MAX_QUERY_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_DEPTH = 256;

    public LogqlParserConfig {
        if (maxQueryBytes < 1) {
            throw new IllegalArgumentException("maxQueryBytes must be at least 1: " + maxQueryBytes);
        }
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be at least 1: " + maxDepth);
        }
    }

    public static LogqlParserConfig defaults() {
        return new LogqlParserConfig(DEFAULT_MAX_QUERY_BYTES, DEFAULT_MAX_DEPTH);
    }
}
