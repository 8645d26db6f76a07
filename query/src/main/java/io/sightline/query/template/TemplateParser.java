package io.sightline.query.template;

import io.sightline.query.promql.parser.GoStrings;
import io.sightline.query.template.TemplateNode.Branch;
import io.sightline.query.template.TemplateNode.BranchKind;
import io.sightline.query.template.TemplateNode.Command;
import io.sightline.query.template.TemplateNode.Delimiter;
import io.sightline.query.template.TemplateNode.ListNode;
import io.sightline.query.template.TemplateNode.Pipe;
import io.sightline.query.template.TemplateNode.Variable;
import io.sightline.query.template.TemplateToken.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Recursive-descent parser of Go template text into named trees ({@code define}d and
 * {@code block} templates besides the main one), following Go's {@code text/template/parse}: the
 * same grammar, the same checks (functions must exist, variables must be declared, {@code break}
 * only inside {@code range}) and the same messages, {@code template: <name>:<line>: <problem>}.
 */
final class TemplateParser {
    /** Go's cap on nested parentheses. */
    private static final int MAX_PAREN_DEPTH = 10_000;

    private final String name;
    private final List<TemplateToken> tokens;
    private final Predicate<String> hasFunction;
    private final Map<String, ListNode> trees;
    private int next;
    private int maxRead;
    private List<String> vars = new ArrayList<>(List.of("$"));
    private int rangeDepth;
    private int parenDepth;

    private TemplateParser(String name, List<TemplateToken> tokens, Predicate<String> hasFunction,
                           Map<String, ListNode> trees) {
        this.name = name;
        this.tokens = tokens;
        this.hasFunction = hasFunction;
        this.trees = trees;
    }

    /** Every tree of the text by name; the main one under {@code name}. */
    static Map<String, ListNode> parse(String name, String text, Predicate<String> hasFunction) {
        List<TemplateToken> tokens = TemplateLexer.lex(text, !hasFunction.test("break"),
                !hasFunction.test("continue"));
        Map<String, ListNode> trees = new LinkedHashMap<>();
        TemplateParser parser = new TemplateParser(name, tokens, hasFunction, trees);
        parser.add(name, parser.parseTop());
        return trees;
    }

    // ---- tokens

    private TemplateToken nextToken() {
        int i = Math.min(next, tokens.size() - 1);
        next = i + 1;
        maxRead = Math.max(maxRead, i);
        return tokens.get(i);
    }

    private void backup(int n) {
        next -= n;
    }

    private TemplateToken peek() {
        TemplateToken t = nextToken();
        backup(1);
        return t;
    }

    private TemplateToken nextNonSpace() {
        TemplateToken t;
        do {
            t = nextToken();
        } while (t.kind() == Kind.SPACE);
        return t;
    }

    private TemplateToken peekNonSpace() {
        int mark = next;
        TemplateToken t = nextNonSpace();
        next = mark;
        return t;
    }

    private TemplateException error(String message) {
        int line = tokens.get(maxRead).line();
        return new TemplateException("template: " + name + ":" + line + ": " + message, true);
    }

    private TemplateException unexpected(TemplateToken token, String context) {
        if (token.kind() == Kind.ERROR) {
            return error(token.text());
        }
        return error("unexpected " + token + " in " + context);
    }

    private TemplateToken expect(Kind kind, String context) {
        TemplateToken t = nextNonSpace();
        if (t.kind() != kind) {
            throw unexpected(t, context);
        }
        return t;
    }

    // ---- trees

    private void add(String treeName, ListNode root) {
        ListNode existing = trees.get(treeName);
        if (existing == null || isEmptyTree(existing)) {
            trees.put(treeName, root);
        } else if (!isEmptyTree(root)) {
            throw error("template: multiple definition of template " + GoStrings.quote(treeName));
        }
    }

    private static boolean isEmptyTree(TemplateNode node) {
        return switch (node) {
            case ListNode list -> list.nodes().stream().allMatch(TemplateParser::isEmptyTree);
            case TemplateNode.Text text -> text.text().isBlank();
            default -> false;
        };
    }

    private ListNode parseTop() {
        List<TemplateNode> nodes = new ArrayList<>();
        int pos = peek().pos();
        while (peek().kind() != Kind.EOF) {
            if (peek().kind() == Kind.LEFT_DELIM) {
                int mark = next;
                nextToken();
                if (nextNonSpace().kind() == Kind.DEFINE) {
                    parseDefinition();
                    continue;
                }
                next = mark;
            }
            TemplateNode n = textOrAction();
            if (n instanceof Delimiter d) {
                throw error("unexpected " + d);
            }
            nodes.add(n);
        }
        return new ListNode(pos, nodes);
    }

    private void parseDefinition() {
        String context = "define clause";
        TemplateToken nameToken = nextNonSpace();
        if (nameToken.kind() != Kind.STRING && nameToken.kind() != Kind.RAW_STRING) {
            throw unexpected(nameToken, context);
        }
        String treeName = unquote(nameToken);
        expect(Kind.RIGHT_DELIM, context);
        List<String> saved = vars;
        vars = new ArrayList<>(List.of("$"));
        ItemList body = itemList();
        vars = saved;
        if (body.end.isElse()) {
            throw error("unexpected " + body.end + " in " + context);
        }
        add(treeName, body.list);
    }

    private record ItemList(ListNode list, Delimiter end) {
    }

    private ItemList itemList() {
        List<TemplateNode> nodes = new ArrayList<>();
        int pos = peekNonSpace().pos();
        while (peekNonSpace().kind() != Kind.EOF) {
            TemplateNode n = textOrAction();
            if (n instanceof Delimiter d) {
                return new ItemList(new ListNode(pos, nodes), d);
            }
            nodes.add(n);
        }
        throw error("unexpected EOF");
    }

    private TemplateNode textOrAction() {
        TemplateToken token = nextNonSpace();
        return switch (token.kind()) {
            case TEXT -> new TemplateNode.Text(token.pos(), token.text());
            case LEFT_DELIM -> action();
            default -> throw unexpected(token, "input");
        };
    }

    private TemplateNode action() {
        TemplateToken token = nextNonSpace();
        switch (token.kind()) {
            case BLOCK -> {
                return blockControl();
            }
            case BREAK, CONTINUE -> {
                String word = "{{" + token.text() + "}}";
                TemplateToken after = nextNonSpace();
                if (after.kind() != Kind.RIGHT_DELIM) {
                    throw unexpected(after, word);
                }
                if (rangeDepth == 0) {
                    throw error(word + " outside {{range}}");
                }
                return token.kind() == Kind.BREAK ? new TemplateNode.Break(token.pos(), token.line())
                        : new TemplateNode.Continue(token.pos(), token.line());
            }
            case ELSE -> {
                TemplateToken after = peekNonSpace();
                if (after.kind() == Kind.IF || after.kind() == Kind.WITH) {
                    return new Delimiter(after.pos(), after.line(), true);
                }
                TemplateToken delim = expect(Kind.RIGHT_DELIM, "else");
                return new Delimiter(delim.pos(), delim.line(), true);
            }
            case END -> {
                TemplateToken delim = expect(Kind.RIGHT_DELIM, "end");
                return new Delimiter(delim.pos(), delim.line(), false);
            }
            case IF -> {
                return control(BranchKind.IF);
            }
            case RANGE -> {
                return control(BranchKind.RANGE);
            }
            case WITH -> {
                return control(BranchKind.WITH);
            }
            case TEMPLATE -> {
                return templateControl();
            }
            default -> {
                backup(1);
                TemplateToken first = peek();
                return new TemplateNode.Action(first.pos(), first.line(), pipeline("command", Kind.RIGHT_DELIM));
            }
        }
    }

    private Branch control(BranchKind kind) {
        String context = kind.name().toLowerCase(java.util.Locale.ROOT);
        int varMark = vars.size();
        try {
            Pipe pipe = pipeline(context, Kind.RIGHT_DELIM);
            if (kind == BranchKind.RANGE) {
                rangeDepth++;
            }
            ItemList body = itemList();
            if (kind == BranchKind.RANGE) {
                rangeDepth--;
            }
            ListNode elseList = null;
            if (body.end.isElse()) {
                Kind chained = kind == BranchKind.IF ? Kind.IF : kind == BranchKind.WITH ? Kind.WITH : null;
                if (chained != null && peekNonSpace().kind() == chained) {
                    nextNonSpace();
                    elseList = new ListNode(body.end.pos(), List.of(control(kind)));
                } else {
                    ItemList rest = itemList();
                    if (rest.end.isElse()) {
                        throw error("expected end; found " + rest.end);
                    }
                    elseList = rest.list;
                }
            }
            return new Branch(kind, pipe.pos(), pipe.line(), pipe, body.list, elseList);
        } finally {
            vars = new ArrayList<>(vars.subList(0, varMark));
        }
    }

    private TemplateNode blockControl() {
        String context = "block clause";
        TemplateToken token = nextNonSpace();
        String blockName = templateName(token, context);
        Pipe pipe = pipeline(context, Kind.RIGHT_DELIM);
        List<String> saved = vars;
        int savedRange = rangeDepth;
        vars = new ArrayList<>(List.of("$"));
        rangeDepth = 0;
        ItemList body = itemList();
        vars = saved;
        rangeDepth = savedRange;
        if (body.end.isElse()) {
            throw error("unexpected " + body.end + " in " + context);
        }
        add(blockName, body.list);
        return new TemplateNode.TemplateCall(token.pos(), token.line(), blockName, pipe);
    }

    private TemplateNode templateControl() {
        String context = "template clause";
        TemplateToken token = nextNonSpace();
        String callee = templateName(token, context);
        Pipe pipe = null;
        if (nextNonSpace().kind() != Kind.RIGHT_DELIM) {
            backup(1);
            pipe = pipeline(context, Kind.RIGHT_DELIM);
        }
        return new TemplateNode.TemplateCall(token.pos(), token.line(), callee, pipe);
    }

    private String templateName(TemplateToken token, String context) {
        if (token.kind() != Kind.STRING && token.kind() != Kind.RAW_STRING) {
            throw unexpected(token, context);
        }
        return unquote(token);
    }

    private String unquote(TemplateToken token) {
        try {
            return GoStrings.unquote(token.text());
        } catch (IllegalArgumentException e) {
            throw error("invalid syntax");
        }
    }

    // ---- pipelines

    private Pipe pipeline(String context, Kind end) {
        TemplateToken first = peekNonSpace();
        List<Variable> decl = new ArrayList<>();
        boolean assign = false;
        while (peekNonSpace().kind() == Kind.VARIABLE) {
            int mark = next;
            TemplateToken v = nextNonSpace();
            TemplateToken following = peekNonSpace();
            if (following.kind() == Kind.ASSIGN || following.kind() == Kind.DECLARE) {
                assign = following.kind() == Kind.ASSIGN;
                nextNonSpace();
                decl.add(new Variable(v.pos(), List.of(v.text())));
                vars.add(v.text());
                break;
            } else if (following.kind() == Kind.CHAR && following.text().equals(",")) {
                nextNonSpace();
                decl.add(new Variable(v.pos(), List.of(v.text())));
                vars.add(v.text());
                if (context.equals("range") && decl.size() < 2) {
                    Kind k = peekNonSpace().kind();
                    if (k == Kind.VARIABLE || k == Kind.RIGHT_DELIM || k == Kind.RIGHT_PAREN) {
                        continue;
                    }
                    throw error("range can only initialize variables");
                }
                throw error("too many declarations in " + context);
            } else {
                next = mark; // an argument variable, not a declaration
                break;
            }
        }
        List<Command> cmds = new ArrayList<>();
        while (true) {
            TemplateToken token = nextNonSpace();
            if (token.kind() == end) {
                checkPipeline(cmds, context);
                return new Pipe(first.pos(), first.line(), assign, decl, cmds);
            }
            switch (token.kind()) {
                case BOOL, CHAR_CONSTANT, DOT, FIELD, IDENTIFIER, NUMBER, NIL, RAW_STRING, STRING, VARIABLE,
                     LEFT_PAREN -> {
                    backup(1);
                    cmds.add(command());
                }
                default -> throw unexpected(token, context);
            }
        }
    }

    private void checkPipeline(List<Command> cmds, String context) {
        if (cmds.isEmpty()) {
            throw error("missing value for " + context);
        }
        for (int i = 1; i < cmds.size(); i++) {
            TemplateNode first = cmds.get(i).args().get(0);
            if (first instanceof TemplateNode.Bool || first instanceof TemplateNode.Dot
                    || first instanceof TemplateNode.Nil || first instanceof TemplateNode.Number
                    || first instanceof TemplateNode.StringLiteral) {
                throw error("non executable command in pipeline stage " + (i + 1));
            }
        }
    }

    private Command command() {
        int pos = peekNonSpace().pos();
        List<TemplateNode> args = new ArrayList<>();
        while (true) {
            peekNonSpace();
            TemplateNode operand = operand();
            if (operand != null) {
                args.add(operand);
            }
            TemplateToken token = nextToken();
            if (token.kind() == Kind.SPACE) {
                continue;
            }
            if (token.kind() == Kind.RIGHT_DELIM || token.kind() == Kind.RIGHT_PAREN) {
                backup(1);
            } else if (token.kind() != Kind.PIPE) {
                throw unexpected(token, "operand");
            }
            break;
        }
        if (args.isEmpty()) {
            throw error("empty command");
        }
        return new Command(pos, args);
    }

    private TemplateNode operand() {
        TemplateNode node = term();
        if (node == null || peek().kind() != Kind.FIELD) {
            return node;
        }
        int pos = peek().pos();
        List<String> fields = new ArrayList<>();
        while (peek().kind() == Kind.FIELD) {
            fields.add(nextToken().text().substring(1));
        }
        return switch (node) {
            case TemplateNode.Field f -> new TemplateNode.Field(f.pos(), concat(f.ident(), fields));
            case Variable v -> new Variable(v.pos(), concat(v.ident(), fields));
            case TemplateNode.Bool b -> throw error("unexpected . after term " + GoStrings.quote(b.toString()));
            case TemplateNode.StringLiteral s -> throw error("unexpected . after term " + GoStrings.quote(s.toString()));
            case TemplateNode.Number n -> throw error("unexpected . after term " + GoStrings.quote(n.toString()));
            case TemplateNode.Nil n -> throw error("unexpected . after term " + GoStrings.quote(n.toString()));
            case TemplateNode.Dot d -> throw error("unexpected . after term " + GoStrings.quote(d.toString()));
            default -> new TemplateNode.Chain(pos, node, fields);
        };
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private TemplateNode term() {
        TemplateToken token = nextNonSpace();
        switch (token.kind()) {
            case IDENTIFIER -> {
                if (!hasFunction.test(token.text())) {
                    throw error("function " + GoStrings.quote(token.text()) + " not defined");
                }
                return new TemplateNode.Identifier(token.pos(), token.text());
            }
            case DOT -> {
                return new TemplateNode.Dot(token.pos());
            }
            case NIL -> {
                return new TemplateNode.Nil(token.pos());
            }
            case VARIABLE -> {
                List<String> ident = List.of(token.text().split("\\.", -1));
                if (!vars.contains(ident.get(0))) {
                    throw error("undefined variable " + GoStrings.quote(ident.get(0)));
                }
                return new Variable(token.pos(), ident);
            }
            case FIELD -> {
                return new TemplateNode.Field(token.pos(), List.of(token.text().substring(1)));
            }
            case BOOL -> {
                return new TemplateNode.Bool(token.pos(), token.text().equals("true"));
            }
            case CHAR_CONSTANT, NUMBER -> {
                try {
                    return TemplateNumbers.parse(token.pos(), token.text(), token.kind() == Kind.CHAR_CONSTANT);
                } catch (IllegalArgumentException e) {
                    throw error(e.getMessage());
                }
            }
            case LEFT_PAREN -> {
                if (parenDepth >= MAX_PAREN_DEPTH) {
                    throw error("max expression depth exceeded");
                }
                parenDepth++;
                try {
                    return pipeline("parenthesized pipeline", Kind.RIGHT_PAREN);
                } finally {
                    parenDepth--;
                }
            }
            case STRING, RAW_STRING -> {
                return new TemplateNode.StringLiteral(token.pos(), token.text(), unquote(token));
            }
            default -> {
                backup(1);
                return null;
            }
        }
    }
}
