package io.sightline.query.promql.parser;

/**
 * Prometheus's pretty form of an expression (its {@code Pretty(0)}): what
 * {@code /api/v1/format_query} answers. A node whose canonical text ({@link Printer}) is at most
 * the line length stays on one line as that text; a longer one is split, and its children are
 * written one nesting level (two spaces) deeper:
 * <ul>
 * <li>binary operation: the left operand, the operator with {@code bool} and its matching
 * modifiers on a line of their own at the operation's level, the right operand;</li>
 * <li>aggregation: {@code sum by (job) (}, the parameter and a comma, the argument, {@code )};</li>
 * <li>function call: {@code name(}, the arguments one per line separated by commas, {@code )};</li>
 * <li>parentheses: {@code (}, the inner expression, {@code )};</li>
 * <li>subquery: the inner expression split at the subquery's own level, then
 * {@code [range:step] @ t offset d} right after it;</li>
 * <li>unary minus/plus: the sign glued to its operand's first line;</li>
 * <li>numbers, strings and selectors are never split, however long.</li>
 * </ul>
 * Prometheus's quirks are kept so the answers are the same byte for byte: lengths are counted in
 * UTF-8 bytes, and a subquery short enough for one line is written without its indentation.
 *
 * <p>Stateless apart from the line length; thread-safe.
 */
public final class Prettier {
    /** Prometheus's {@code maxCharactersPerLine}: the longest node kept on one line, in UTF-8 bytes. */
    public static final int PROMETHEUS_LINE_LENGTH = 100;

    private static final String INDENT = "  ";

    private final int maxLineLength;

    private Prettier(int maxLineLength) {
        if (maxLineLength < 1) {
            throw new IllegalArgumentException("maxLineLength must be positive: " + maxLineLength);
        }
        this.maxLineLength = maxLineLength;
    }

    /** The expression as Prometheus's {@code /api/v1/format_query} prints it. */
    public static String format(Expr expr) {
        return format(expr, PROMETHEUS_LINE_LENGTH);
    }

    /** As {@link #format(Expr)} with another line length (tests use short ones to keep cases small). */
    static String format(Expr expr, int maxLineLength) {
        StringBuilder out = new StringBuilder();
        new Prettier(maxLineLength).write(expr, 0, out);
        return out.toString();
    }

    /** Appends {@code expr} as written at nesting {@code level}, its first line indented to that level. */
    private void write(Expr expr, int level, StringBuilder out) {
        String flat = Printer.print(expr);
        boolean split = utf8Length(flat) > maxLineLength;
        switch (expr) {
            case SubqueryExpr _ when !split -> out.append(flat); // Prometheus writes no indentation here
            case SubqueryExpr sq -> {
                write(sq.expr(), level, out);
                out.append(Printer.subquerySuffix(sq));
            }
            case UnaryExpr u -> {
                indent(level, out).append(u.negate() ? '-' : '+');
                int operand = out.length();
                write(u.expr(), level, out);
                stripSpaceAt(out, operand);
            }
            case BinaryExpr b when split -> {
                write(b.lhs(), level + 1, out);
                indent(level, out.append('\n')).append(b.op().symbol()).append(b.returnBool() ? " bool" : "")
                        .append(Printer.matching(b.matching())).append('\n');
                write(b.rhs(), level + 1, out);
            }
            case AggregateExpr a when split -> {
                indent(level, out).append(Printer.aggregateHead(a)).append("(\n");
                a.param().ifPresent(p -> {
                    write(p, level + 1, out);
                    out.append(",\n");
                });
                write(a.expr(), level + 1, out);
                indent(level, out.append('\n')).append(')');
            }
            case Call c when split && !c.args().isEmpty() -> {
                indent(level, out).append(c.function().name()).append("(\n");
                for (int i = 0; i < c.args().size(); i++) {
                    if (i > 0) {
                        out.append(",\n");
                    }
                    write(c.args().get(i), level + 1, out);
                }
                indent(level, out.append('\n')).append(')');
            }
            case ParenExpr p when split -> {
                indent(level, out).append("(\n");
                write(p.expr(), level + 1, out);
                indent(level, out.append('\n')).append(')');
            }
            default -> indent(level, out).append(flat); // short, or a literal or selector
        }
    }

    private static StringBuilder indent(int level, StringBuilder out) {
        return out.repeat(INDENT, level);
    }

    /** Drops the whitespace at {@code from}: a unary operand's own indentation (Go's TrimSpace). */
    private static void stripSpaceAt(StringBuilder out, int from) {
        int end = from;
        while (end < out.length() && Character.isWhitespace(out.charAt(end))) {
            end++;
        }
        out.delete(from, end);
    }

    /** Go's {@code len(string)}: the length in UTF-8 bytes. */
    static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            i += Character.charCount(cp);
        }
        return bytes;
    }
}
