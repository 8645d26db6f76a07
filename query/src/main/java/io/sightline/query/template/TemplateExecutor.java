package io.sightline.query.template;

import io.sightline.query.promql.parser.GoStrings;
import io.sightline.query.template.TemplateNode.Branch;
import io.sightline.query.template.TemplateNode.BranchKind;
import io.sightline.query.template.TemplateNode.ListNode;
import io.sightline.query.template.TemplateNode.Pipe;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Walks a parsed template over data and writes the output, as Go's {@code exec.go}: control
 * structures, variables, pipelines and field chains here; function calls and argument checks in
 * {@link FunctionCalls}. Holds no state between executions; one {@link ExecutionState} per run.
 */
final class TemplateExecutor {
    /** Go's {@code missingVal}: no value came down the pipeline (not the same as "no value"). */
    static final Object MISSING = new Object();

    /** Unwinds to the enclosing range; carries no stack trace. */
    private static final class LoopSignal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final boolean isBreak;

        LoopSignal(boolean isBreak) {
            super(null, null, false, false);
            this.isBreak = isBreak;
        }
    }

    private static final LoopSignal BREAK = new LoopSignal(true);
    private static final LoopSignal CONTINUE = new LoopSignal(false);

    private final Map<String, ListNode> trees;
    private final MissingKey missingKey;
    final ExecutionState state;
    final FunctionCalls calls;

    TemplateExecutor(Map<String, ListNode> trees, TemplateFunctions functions, TemplateFunctions overrides,
                     MissingKey missingKey, ExecutionState state) {
        this.trees = trees;
        this.missingKey = missingKey;
        this.state = state;
        this.calls = new FunctionCalls(this, functions, overrides);
    }

    String run(ListNode root, Object data) {
        Object dot = data == null ? GoValues.NO_VALUE : data; // Go: reflect.ValueOf(nil) is no value
        state.push("$", dot);
        walk(dot, root);
        return state.output();
    }

    void walk(Object dot, TemplateNode node) {
        state.step();
        state.at = node;
        switch (node) {
            case TemplateNode.Action action -> {
                Object value = evalPipeline(dot, action.pipe());
                if (action.pipe().decl().isEmpty()) {
                    printValue(action, value);
                }
            }
            case Branch branch when branch.kind() == BranchKind.RANGE -> walkRange(dot, branch);
            case Branch branch -> walkIfOrWith(dot, branch);
            case ListNode list -> {
                for (TemplateNode n : list.nodes()) {
                    walk(dot, n);
                }
            }
            case TemplateNode.TemplateCall call -> walkTemplate(dot, call);
            case TemplateNode.Text text -> state.write(text.text());
            case TemplateNode.Break b -> throw BREAK;
            case TemplateNode.Continue c -> throw CONTINUE;
            default -> throw state.error("unknown node: " + node);
        }
    }

    private void walkIfOrWith(Object dot, Branch branch) {
        int mark = state.mark();
        try {
            Object value = evalPipeline(dot, branch.pipe());
            if (GoValues.isTrue(value)) {
                walk(branch.kind() == BranchKind.WITH ? value : dot, branch.list());
            } else if (branch.elseList() != null) {
                walk(dot, branch.elseList());
            }
        } finally {
            state.pop(mark);
        }
    }

    private void walkRange(Object dot, Branch range) {
        state.at = range;
        int outer = state.mark();
        try {
            Object value = evalPipeline(dot, range.pipe());
            int mark = state.mark();
            int decl = range.pipe().decl().size();
            boolean ran = false;
            if (value instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    ran = true;
                    if (!iteration(range, mark, (long) i, list.get(i))) {
                        break;
                    }
                }
            } else if (value instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) {
                    ran = true;
                    if (!iteration(range, mark, e.getKey(), e.getValue())) {
                        break;
                    }
                }
            } else if (GoValues.isInt(value)) {
                if (decl > 1) {
                    throw state.error("can't use " + GoFormatter.print(value) + " to iterate over more than one variable");
                }
                long n = ((Number) value).longValue();
                for (long i = 0; i < n; i++) {
                    ran = true;
                    if (!iteration(range, mark, i, i)) {
                        break;
                    }
                }
            } else if (value != GoValues.NO_VALUE && value != null) {
                throw state.error("range can't iterate over " + GoFormatter.print(value));
            }
            if (!ran && range.elseList() != null) {
                walk(dot, range.elseList());
            }
        } finally {
            state.pop(outer);
        }
    }

    /** One pass of a range body; false when it hit {@code break}. */
    private boolean iteration(Branch range, int mark, Object index, Object element) {
        int decl = range.pipe().decl().size();
        if (decl > 0) {
            state.setTopVar(1, element);
        }
        if (decl > 1) {
            state.setTopVar(2, index);
        }
        try {
            walk(element, range.list());
            return true;
        } catch (LoopSignal signal) {
            return !signal.isBreak;
        } finally {
            state.pop(mark);
        }
    }

    private void walkTemplate(Object dot, TemplateNode.TemplateCall call) {
        state.at = call;
        ListNode tree = trees.get(call.name());
        if (tree == null) {
            throw state.error("template " + GoStrings.quote(call.name()) + " not defined");
        }
        if (state.depth >= state.maxDepth()) {
            throw state.error("exceeded maximum template depth (" + state.maxDepth() + ")");
        }
        Object newDot = evalPipeline(dot, call.pipe());
        String caller = state.templateName;
        Object[] saved = state.enterTemplate(newDot);
        state.depth++;
        state.templateName = call.name();
        try {
            walk(newDot, tree);
        } finally {
            state.depth--;
            state.templateName = caller;
            state.restoreVars(saved);
        }
    }

    // ---- pipelines and commands

    Object evalPipeline(Object dot, Pipe pipe) {
        if (pipe == null) {
            return GoValues.NO_VALUE;
        }
        state.at = pipe;
        Object value = MISSING;
        for (TemplateNode.Command cmd : pipe.cmds()) {
            value = evalCommand(dot, cmd, value);
            if (value == null) {
                value = GoValues.NO_VALUE; // Go digs a nil interface down to "no value"
            }
        }
        for (TemplateNode.Variable v : pipe.decl()) {
            if (pipe.assign()) {
                state.setVar(v.ident().get(0), value);
            } else {
                state.push(v.ident().get(0), value);
            }
        }
        return value;
    }

    private void notAFunction(List<TemplateNode> args, Object fin) {
        if (args.size() > 1 || fin != MISSING) {
            throw state.error("can't give argument to non-function " + args.get(0));
        }
    }

    Object evalCommand(Object dot, TemplateNode.Command cmd, Object fin) {
        state.step();
        TemplateNode first = cmd.args().get(0);
        switch (first) {
            case TemplateNode.Field f -> {
                return evalFieldNode(dot, f, cmd.args(), fin);
            }
            case TemplateNode.Chain c -> {
                return evalChainNode(dot, c, cmd.args(), fin);
            }
            case TemplateNode.Identifier id -> {
                return calls.evalFunction(dot, id, cmd, cmd.args(), fin);
            }
            case Pipe p -> {
                notAFunction(cmd.args(), fin);
                return evalPipeline(dot, p);
            }
            case TemplateNode.Variable v -> {
                return evalVariableNode(dot, v, cmd.args(), fin);
            }
            default -> {
            }
        }
        state.at = first;
        notAFunction(cmd.args(), fin);
        return switch (first) {
            case TemplateNode.Bool b -> b.value();
            case TemplateNode.Dot d -> dot;
            case TemplateNode.Nil n -> throw state.error("nil is not a command");
            case TemplateNode.Number n -> calls.idealConstant(n);
            case TemplateNode.StringLiteral s -> s.value();
            default -> throw state.error("can't evaluate command " + GoStrings.quote(first.toString()));
        };
    }

    Object evalFieldNode(Object dot, TemplateNode.Field field, List<TemplateNode> args, Object fin) {
        state.at = field;
        return evalFieldChain(dot, dot, field, field.ident(), args, fin);
    }

    Object evalChainNode(Object dot, TemplateNode.Chain chain, List<TemplateNode> args, Object fin) {
        state.at = chain;
        if (chain.node() instanceof TemplateNode.Nil) {
            throw state.error("indirection through explicit nil in " + chain);
        }
        Object receiver = calls.evalArg(dot, null, chain.node());
        return evalFieldChain(dot, receiver, chain, chain.fields(), args, fin);
    }

    Object evalVariableNode(Object dot, TemplateNode.Variable variable, List<TemplateNode> args, Object fin) {
        state.at = variable;
        Object value = state.varValue(variable.ident().get(0));
        if (variable.ident().size() == 1) {
            notAFunction(args == null ? List.of(variable) : args, fin);
            return value;
        }
        return evalFieldChain(dot, value, variable, variable.ident().subList(1, variable.ident().size()), args, fin);
    }

    private Object evalFieldChain(Object dot, Object receiver, TemplateNode node, List<String> ident,
                                  List<TemplateNode> args, Object fin) {
        int n = ident.size();
        for (int i = 0; i < n - 1; i++) {
            receiver = evalField(dot, ident.get(i), node, null, MISSING, receiver);
        }
        return evalField(dot, ident.get(n - 1), node, args, fin, receiver);
    }

    private Object evalField(Object dot, String fieldName, TemplateNode node, List<TemplateNode> args, Object fin,
                             Object receiver) {
        if (receiver == GoValues.NO_VALUE) {
            if (missingKey == MissingKey.ERROR) {
                throw state.error("nil data; no entry for key " + GoStrings.quote(fieldName));
            }
            return GoValues.NO_VALUE;
        }
        if (receiver == null) {
            throw state.error("nil pointer evaluating interface {}." + fieldName);
        }
        if (receiver instanceof GoTime time && GoTime.hasMethod(fieldName)) {
            return calls.callMethod(dot, time, fieldName, node, args, fin);
        }
        boolean hasArgs = (args != null && args.size() > 1) || fin != MISSING;
        if (receiver instanceof Map<?, ?> map) {
            if (hasArgs) {
                throw state.error(fieldName + " is not a method but has arguments");
            }
            if (map.containsKey(fieldName)) {
                return map.get(fieldName);
            }
            return switch (missingKey) {
                case NO_VALUE -> GoValues.NO_VALUE;
                case EMPTY_STRING -> "";
                case ERROR -> throw state.error("map has no entry for key " + GoStrings.quote(fieldName));
            };
        }
        throw state.error("can't evaluate field " + fieldName + " in type " + GoValues.typeName(receiver));
    }

    private void printValue(TemplateNode node, Object value) {
        state.at = node;
        if (value instanceof TemplateFunction) {
            throw state.error("can't print " + node + " of type " + GoValues.typeName(value));
        }
        state.write(value == GoValues.NO_VALUE ? "<no value>" : GoFormatter.print(value));
    }
}
