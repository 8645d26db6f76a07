package io.sightline.query.promql;

/**
 * A query that does not parse or does not type-check. The message reads as Prometheus's: {@code
 * "1:5: parse error: unexpected ..."}, with the 1-based line and column of the offending spot.
 */
public final class PromqlParseException extends PromqlException {
    private final int offset;
    private final int line;
    private final int column;
    private final String detail;

    /**
     * @param query  the whole query text
     * @param offset 0-based character offset of the problem within {@code query}
     * @param detail what is wrong, without position (e.g. {@code unexpected end of input})
     */
    public PromqlParseException(String query, int offset, String detail) {
        this(offset, lineOf(query, offset), columnOf(query, offset), detail);
    }

    private PromqlParseException(int offset, int line, int column, String detail) {
        super(ErrorType.BAD_DATA, line + ":" + column + ": parse error: " + detail);
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

    /** As Prometheus: the offset minus the offset of the last line break before it (1-based). */
    private static int columnOf(String query, int offset) {
        int lastBreak = -1;
        for (int i = 0; i < Math.min(offset, query.length()); i++) {
            if (query.charAt(i) == '\n') {
                lastBreak = i;
            }
        }
        return offset - lastBreak;
    }
}
