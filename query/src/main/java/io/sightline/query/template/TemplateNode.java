package io.sightline.query.template;

import io.sightline.query.promql.parser.GoStrings;
import java.util.List;

/**
 * The parse tree of a template, Go's {@code text/template/parse} nodes. {@code toString()} gives
 * the node's text as Go prints it in execution errors ({@code at <.a.b>}). Positions are char
 * offsets in the template text.
 */
sealed interface TemplateNode {
    int pos();

    record Text(int pos, String text) implements TemplateNode {
        @Override
        public String toString() {
            return text;
        }
    }

    record ListNode(int pos, List<TemplateNode> nodes) implements TemplateNode {
        @Override
        public String toString() {
            StringBuilder out = new StringBuilder();
            nodes.forEach(out::append);
            return out.toString();
        }
    }

    record Action(int pos, int line, Pipe pipe) implements TemplateNode {
        @Override
        public String toString() {
            return "{{" + pipe + "}}";
        }
    }

    /** {@code $a, $b := cmd | cmd}; {@code assign} for {@code =}. */
    record Pipe(int pos, int line, boolean assign, List<Variable> decl, List<Command> cmds) implements TemplateNode {
        @Override
        public String toString() {
            StringBuilder out = new StringBuilder();
            if (!decl.isEmpty()) {
                for (int i = 0; i < decl.size(); i++) {
                    out.append(i > 0 ? ", " : "").append(decl.get(i));
                }
                out.append(assign ? " = " : " := ");
            }
            for (int i = 0; i < cmds.size(); i++) {
                out.append(i > 0 ? " | " : "").append(cmds.get(i));
            }
            return out.toString();
        }
    }

    record Command(int pos, List<TemplateNode> args) implements TemplateNode {
        @Override
        public String toString() {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < args.size(); i++) {
                TemplateNode arg = args.get(i);
                out.append(i > 0 ? " " : "");
                out.append(arg instanceof Pipe ? "(" + arg + ")" : arg.toString());
            }
            return out.toString();
        }
    }

    /** {@code .a.b}: the field names without dots. */
    record Field(int pos, List<String> ident) implements TemplateNode {
        @Override
        public String toString() {
            return "." + String.join(".", ident);
        }
    }

    /** {@code $x.a.b}: the variable name (with {@code $}) then field names. */
    record Variable(int pos, List<String> ident) implements TemplateNode {
        @Override
        public String toString() {
            return String.join(".", ident);
        }
    }

    /** {@code (pipeline).a.b} or {@code fn.a}: fields applied to another term. */
    record Chain(int pos, TemplateNode node, List<String> fields) implements TemplateNode {
        @Override
        public String toString() {
            String head = node instanceof Pipe ? "(" + node + ")" : node.toString();
            return head + "." + String.join(".", fields);
        }
    }

    record Identifier(int pos, String name) implements TemplateNode {
        @Override
        public String toString() {
            return name;
        }
    }

    record Dot(int pos) implements TemplateNode {
        @Override
        public String toString() {
            return ".";
        }
    }

    record Nil(int pos) implements TemplateNode {
        @Override
        public String toString() {
            return "nil";
        }
    }

    record Bool(int pos, boolean value) implements TemplateNode {
        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    /** A number literal: {@code isInt} when it has an exact int value, {@code isFloat} when a float one. */
    record Number(int pos, String text, boolean isInt, long intValue, boolean isFloat, double floatValue)
            implements TemplateNode {
        @Override
        public String toString() {
            return text;
        }
    }

    /** {@code quoted} is the literal as written, {@code value} its meaning. */
    record StringLiteral(int pos, String quoted, String value) implements TemplateNode {
        @Override
        public String toString() {
            return quoted;
        }
    }

    enum BranchKind { IF, RANGE, WITH }

    /** {@code if}, {@code range} or {@code with}; {@code elseList} is null when there is no else. */
    record Branch(BranchKind kind, int pos, int line, Pipe pipe, ListNode list, ListNode elseList)
            implements TemplateNode {
        @Override
        public String toString() {
            String name = kind.name().toLowerCase(java.util.Locale.ROOT);
            return "{{" + name + " " + pipe + "}}" + list + (elseList == null ? "" : "{{else}}" + elseList)
                    + "{{end}}";
        }
    }

    /** {@code {{template "name" pipeline}}}; {@code pipe} is null without a pipeline. */
    record TemplateCall(int pos, int line, String name, Pipe pipe) implements TemplateNode {
        @Override
        public String toString() {
            return "{{template " + GoStrings.quote(name) + (pipe == null ? "" : " " + pipe) + "}}";
        }
    }

    record Break(int pos, int line) implements TemplateNode {
        @Override
        public String toString() {
            return "{{break}}";
        }
    }

    record Continue(int pos, int line) implements TemplateNode {
        @Override
        public String toString() {
            return "{{continue}}";
        }
    }

    /** Parser-internal: an {@code {{end}}} or {@code {{else}}} ending a list. */
    record Delimiter(int pos, int line, boolean isElse) implements TemplateNode {
        @Override
        public String toString() {
            return isElse ? "{{else}}" : "{{end}}";
        }
    }
}
