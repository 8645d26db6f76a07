package io.sightline.query.traces.traceql;

/**
 * A TraceQL query that does not parse, mixes types Tempo would refuse, or uses a construct outside
 * the supported subset (query/README.md). The message reads
 * {@code parse error at line 1, col 14: unsupported TraceQL: the pipeline operator |}, with the
 * 1-based line and column (in characters) of the offending token; the APIs answer it with 400.
 * Unchecked.
 */
public final class TraceqlParseException extends RuntimeException {
    private final int offset;
    private final String detail;

    /**
     * @param query  the whole query text
     * @param offset 0-based character offset of the problem
     * @param detail what is wrong, without position
     */
    public TraceqlParseException(String query, int offset, String detail) {
        super("parse error at line " + line(query, offset) + ", col " + column(query, offset) + ": " + detail);
        this.offset = offset;
        this.detail = detail;
    }

    /** 0-based character offset of the problem. */
    public int offset() {
        return offset;
    }

    /** The message without its position. */
    public String detail() {
        return detail;
    }

    private static int line(String query, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, query.length()); i++) {
            if (query.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int column(String query, int offset) {
        int start = query.lastIndexOf('\n', Math.max(0, Math.min(offset, query.length()) - 1)) + 1;
        return offset - start + 1;
    }
}
