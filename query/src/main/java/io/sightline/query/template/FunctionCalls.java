package io.sightline.query.template;

import io.sightline.query.promql.parser.GoStrings;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls of functions (and methods of {@link GoTime}) from a template, as Go's {@code evalCall}:
 * the argument count against the signature, each argument evaluated and checked against its
 * {@link ArgType} (literals by their syntax, other values by their type), the pipeline's value as
 * the last argument, {@code and}/{@code or} short-circuiting, and a failure reported as
 * {@code error calling <name>: <message>}.
 */
final class FunctionCalls {
    private final TemplateExecutor exec;
    private final ExecutionState state;
    private final TemplateFunctions functions;
    private final TemplateFunctions overrides;

    /** @param overrides functions of this execution only, looked up first */
    FunctionCalls(TemplateExecutor exec, TemplateFunctions functions, TemplateFunctions overrides) {
        this.exec = exec;
        this.state = exec.state;
        this.functions = functions;
        this.overrides = overrides;
    }

    Object evalFunction(Object dot, TemplateNode.Identifier node, TemplateNode cmd, List<TemplateNode> args,
                        Object fin) {
        state.at = node;
        TemplateFunction fn = overrides.get(node.name());
        if (fn == null) {
            fn = functions.get(node.name());
        }
        if (fn == null) {
            throw state.error(GoStrings.quote(node.name()) + " is not a defined function");
        }
        return evalCall(dot, fn, cmd, node.name(), args, fin);
    }

    private Object evalCall(Object dot, TemplateFunction fn, TemplateNode node, String name, List<TemplateNode> args,
                            Object fin) {
        List<TemplateNode> argNodes = args == null ? List.of() : args.subList(1, args.size());
        List<ArgType> params = fn.parameters();
        int numIn = argNodes.size() + (fin != TemplateExecutor.MISSING ? 1 : 0);
        int numFixed = argNodes.size();
        if (fn.variadic()) {
            numFixed = params.size() - 1;
            if (numIn < numFixed) {
                throw state.error("wrong number of args for " + name + ": want at least " + (params.size() - 1)
                        + " got " + argNodes.size());
            }
        } else if (numIn != params.size()) {
            throw state.error("wrong number of args for " + name + ": want " + params.size() + " got " + numIn);
        }
        boolean builtin = functions.isBuiltin(name, fn);
        if (builtin && (name.equals("and") || name.equals("or"))) {
            Object v = GoValues.NO_VALUE;
            for (TemplateNode arg : argNodes) {
                v = evalArg(dot, ArgType.VALUE, arg);
                if (GoValues.isTrue(v) == name.equals("or")) {
                    return v;
                }
            }
            return fin != TemplateExecutor.MISSING ? fin : v;
        }
        List<Object> argv = new ArrayList<>(numIn);
        int i = 0;
        for (; i < numFixed && i < argNodes.size(); i++) {
            argv.add(evalArg(dot, params.get(i), argNodes.get(i)));
        }
        if (fn.variadic()) {
            ArgType element = params.getLast();
            for (; i < argNodes.size(); i++) {
                argv.add(evalArg(dot, element, argNodes.get(i)));
            }
        }
        if (fin != TemplateExecutor.MISSING) {
            ArgType t = params.getLast();
            if (fn.variadic() && numIn - 1 < numFixed) {
                t = params.get(numIn - 1);
            }
            argv.add(validateType(fin, t));
        }
        if (builtin && name.equals("call")) {
            return call(argNodes.isEmpty() ? "<pipeline>" : argNodes.get(0).toString(), node, argv);
        }
        return invoke(fn, node, name, argv);
    }

    private Object invoke(TemplateFunction fn, TemplateNode node, String name, List<Object> argv) {
        try {
            return fn.body().call(argv);
        } catch (TemplateException e) {
            throw e;
        } catch (Exception | StackOverflowError e) {
            state.at = node;
            throw state.error("error calling " + name + ": " + e.getMessage());
        }
    }

    /** The built-in {@code call}: the first argument is the function value, the rest its arguments. */
    private Object call(String calleeName, TemplateNode node, List<Object> argv) {
        Object fnValue = argv.getFirst();
        if (fnValue == null || fnValue == GoValues.NO_VALUE) {
            state.at = node;
            throw state.error("error calling call: call of nil");
        }
        if (!(fnValue instanceof TemplateFunction fn)) {
            state.at = node;
            throw state.error("error calling call: non-function " + calleeName + " of type "
                    + GoValues.typeName(fnValue));
        }
        List<Object> rest = new ArrayList<>(argv.subList(1, argv.size()));
        int want = fn.parameters().size();
        if (fn.variadic() ? rest.size() < want - 1 : rest.size() != want) {
            state.at = node;
            throw state.error("error calling call: wrong number of args for " + calleeName + ": got " + rest.size()
                    + " want " + want);
        }
        for (int k = 0; k < rest.size(); k++) {
            ArgType t = fn.parameters().get(Math.min(k, want - 1));
            Object a = rest.get(k) == GoValues.NO_VALUE ? null : rest.get(k);
            if (!assignable(a, t)) {
                state.at = node;
                throw state.error("error calling call: arg " + k + ": value has type " + goType(a)
                        + "; should be " + t.goName());
            }
            rest.set(k, convert(a, t));
        }
        return invoke(fn, node, "call", rest);
    }

    /** A method of a time value, {@code .Unix} or {@code .Format "2006"}. */
    Object callMethod(Object dot, GoTime receiver, String method, TemplateNode node, List<TemplateNode> args,
                      Object fin) {
        List<Object> argv = new ArrayList<>();
        if (args != null) {
            for (TemplateNode arg : args.subList(1, args.size())) {
                argv.add(evalArg(dot, method.equals("Format") ? ArgType.STRING : ArgType.ANY, arg));
            }
        }
        if (fin != TemplateExecutor.MISSING) {
            argv.add(validateType(fin, method.equals("Format") ? ArgType.STRING : ArgType.ANY));
        }
        Object result = receiver.invoke(method, argv);
        if (result == null) {
            int want = method.equals("Format") ? 1 : 0;
            throw state.error("wrong number of args for " + method + ": want " + want + " got " + argv.size());
        }
        return result;
    }

    /** Go's {@code evalArg}: {@code type} null evaluates without any check. */
    Object evalArg(Object dot, ArgType type, TemplateNode n) {
        state.at = n;
        switch (n) {
            case TemplateNode.Dot d -> {
                return validateType(dot, type);
            }
            case TemplateNode.Nil nil -> {
                if (type == null || type == ArgType.ANY) {
                    return null;
                }
                if (type == ArgType.VALUE) {
                    return GoValues.NO_VALUE;
                }
                throw state.error("cannot assign nil to " + type.goName());
            }
            case TemplateNode.Field f -> {
                return validateType(exec.evalFieldNode(dot, f, List.of(n), TemplateExecutor.MISSING), type);
            }
            case TemplateNode.Variable v -> {
                return validateType(exec.evalVariableNode(dot, v, null, TemplateExecutor.MISSING), type);
            }
            case TemplateNode.Pipe p -> {
                return validateType(exec.evalPipeline(dot, p), type);
            }
            case TemplateNode.Identifier id -> {
                return validateType(evalFunction(dot, id, id, null, TemplateExecutor.MISSING), type);
            }
            case TemplateNode.Chain c -> {
                return validateType(exec.evalChainNode(dot, c, null, TemplateExecutor.MISSING), type);
            }
            default -> {
            }
        }
        if (type == null || type == ArgType.ANY || type == ArgType.VALUE) {
            return switch (n) {
                case TemplateNode.Bool b -> b.value();
                case TemplateNode.Number num -> idealConstant(num);
                case TemplateNode.StringLiteral s -> s.value();
                default -> throw state.error("can't handle assignment of " + n + " to empty interface argument");
            };
        }
        switch (type) {
            case BOOL -> {
                if (n instanceof TemplateNode.Bool b) {
                    return b.value();
                }
                throw state.error("expected bool; found " + n);
            }
            case STRING -> {
                if (n instanceof TemplateNode.StringLiteral s) {
                    return s.value();
                }
                throw state.error("expected string; found " + n);
            }
            case INT -> {
                if (n instanceof TemplateNode.Number num && num.isInt()) {
                    return num.intValue();
                }
                throw state.error("expected integer; found " + n);
            }
            case FLOAT64 -> {
                if (n instanceof TemplateNode.Number num && num.isFloat()) {
                    return num.floatValue();
                }
                throw state.error("expected float; found " + n);
            }
            default -> throw state.error("can't handle " + n + " for arg of type " + type.goName());
        }
    }

    /** Go's {@code validateType}: a value that cannot be passed as {@code type} stops execution. */
    Object validateType(Object value, ArgType type) {
        if (type == null || type == ArgType.VALUE) {
            return value;
        }
        if (value == GoValues.NO_VALUE) {
            if (type == ArgType.ANY) {
                return null;
            }
            throw state.error("invalid value; expected " + type.goName());
        }
        if (!assignable(value, type)) {
            throw state.error("wrong type for value; expected " + type.goName() + "; got " + goType(value));
        }
        return convert(value, type);
    }

    private static String goType(Object value) {
        return value == null ? "interface {}" : GoValues.typeName(value);
    }

    private static boolean assignable(Object value, ArgType type) {
        return switch (type) {
            case ANY, VALUE -> true;
            case STRING -> value instanceof String;
            case INT -> GoValues.isInt(value);
            case FLOAT64 -> GoValues.isFloat(value);
            case BOOL -> value instanceof Boolean;
            case TIME -> value instanceof GoTime;
        };
    }

    private static Object convert(Object value, ArgType type) {
        return switch (type) {
            case INT -> ((Number) value).longValue();
            case FLOAT64 -> ((Number) value).doubleValue();
            default -> value;
        };
    }

    /** A number literal where no parameter type says which kind: its syntax decides, as in Go. */
    Object idealConstant(TemplateNode.Number n) {
        state.at = n;
        String text = n.text();
        boolean hexInt = text.length() > 2 && text.charAt(0) == '0' && (text.charAt(1) == 'x' || text.charAt(1) == 'X')
                && text.indexOf('p') < 0 && text.indexOf('P') < 0;
        boolean rune = text.startsWith("'");
        if (n.isFloat() && !hexInt && !rune && text.chars().anyMatch(c -> ".eEpP".indexOf(c) >= 0)) {
            return n.floatValue();
        }
        if (n.isInt()) {
            return n.intValue();
        }
        throw state.error(text + " overflows int");
    }
}
