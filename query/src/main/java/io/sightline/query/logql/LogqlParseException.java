package io.sightline.query.logql;

/**
 * A LogQL query that does not parse or breaks one of Loki's rules. The message reads as Loki's:
 * {@code parse error at line 1, col 14: syntax error: unexpected IDENTIFIER, expecting STRING}, with
 * the 1-based line and column (in characters) of the offending token; the Loki API answers it with
 * 400. Unchecked.
 */
public final class LogqlParseException extends RuntimeException {
    private final int offset;
    private final int line;
    private final int column;
    private final String detail;

    /**
     * @param query  the whole query text
     * @param offset 0-based character offset of the problem within {@code query}
     * @param detail what is wrong, without position (e.g. {@code syntax error: unexpected $end})
     */
    public LogqlParseException(String query, int offset, String detail) {
        this(offset, lineOf(query, offset), columnOf(query, offset), detail);
    }

    private LogqlParseException(int offset, int line, int column, String detail) {
        super("parse error at line " + line + ", col " + column + ": " + detail);
        this.offset = offset;
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    public int offset() {
        return offset;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The message without its position prefix. */
    public String detail() {
        return detail;
    }

    private static int lineOf(String query, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, query.length()); i++) {
            if (query.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int columnOf(String query, int offset) {
        int lineStart = 0;
        for (int i = 0; i < Math.min(offset, query.length()); i++) {
            if (query.charAt(i) == '\n') {
                lineStart = i + 1;
            }
        }
        return query.codePointCount(lineStart, Math.min(offset, query.length())) + 1;
    }
}
