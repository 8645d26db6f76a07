package io.sightline.query.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.yaml.snakeyaml.nodes.Node;

import io.sightline.query.promql.parser.GoStrings;
import io.sightline.query.template.TemplateException;

/**
 * Reads one rule file in Prometheus's format through snakeyaml's node API, so every problem can name
 * its line and column, then validates it as Prometheus's {@code rulefmt} does, with its messages:
 * structural problems first (and only them, as Prometheus stops there), then per group and rule.
 * Not thread-safe; one per file.
 */
final class RuleFileReader {
    private static final Set<String> FILE_FIELDS = Set.of("groups");
    private static final Set<String> GROUP_FIELDS = Set.of("name", "interval", "query_offset", "limit", "rules", "labels");
    private static final Set<String> RULE_FIELDS =
            Set.of("record", "alert", "expr", "for", "keep_firing_for", "labels", "annotations");

    private final String file;
    private final List<String> structural = new ArrayList<>();
    private final List<String> semantic = new ArrayList<>();

    private final RuleSyntax language;

    RuleFileReader(String file, RuleSyntax language) {
        this.language = language;
        this.file = file;
    }

    /** The groups, or the problems (each {@code file: ...}). */
    List<RuleGroup> read(String yaml) {
        Node root = YamlFields.compose(file, yaml);
        List<GroupNodes> groups = new ArrayList<>();
        if (root != null) {
            YamlFields top = YamlFields.of(root, "rulefmt.RuleGroups", FILE_FIELDS, structural);
            for (Node g : top.sequence("groups", "rulefmt.RuleGroup", structural)) {
                groups.add(group(g));
            }
        }
        if (!structural.isEmpty()) {
            throw problems(structural);
        }
        List<RuleGroup> result = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (GroupNodes g : groups) {
            if (g.name.isEmpty()) {
                semantic.add(YamlFields.position(g.node) + ": Groupname must not be empty");
            }
            if (!names.add(g.name)) {
                semantic.add(YamlFields.position(g.node) + ": groupname: \"" + g.name + "\" is repeated in the same file");
            }
            g.labels.forEach((k, v) -> {
                if (!RuleNames.isValidLabelName(k) || k.equals("__name__")) {
                    semantic.add("invalid label name: " + k);
                }
            });
            List<Rule> rules = new ArrayList<>();
            for (int i = 0; i < g.rules.size(); i++) {
                RuleNodes r = g.rules.get(i);
                for (String problem : validate(r)) {
                    String ruleName = r.alert.isEmpty() ? r.record : r.alert;
                    semantic.add(problem.formatted(GoStrings.quote(g.name), i + 1, GoStrings.quote(ruleName)));
                }
                rules.add(r.toRule(g.labels));
            }
            result.add(new RuleGroup(g.name, g.intervalMs, g.limit, g.queryOffsetMs, rules, file));
        }
        if (!semantic.isEmpty()) {
            throw problems(semantic);
        }
        return result;
    }

    private RuleFileException problems(List<String> problems) {
        return new RuleFileException(problems.stream().map(p -> file + ": " + p).toList());
    }

    private GroupNodes group(Node node) {
        YamlFields f = YamlFields.of(node, "rulefmt.RuleGroup", GROUP_FIELDS, structural);
        GroupNodes g = new GroupNodes(node, f.string("name", structural), f.duration("interval", structural),
                f.integer("limit", structural), f.duration("query_offset", structural),
                f.stringMap("labels", structural));
        for (Node r : f.sequence("rules", "rulefmt.Rule", structural)) {
            YamlFields rf = YamlFields.of(r, "rulefmt.Rule", RULE_FIELDS, structural);
            g.rules.add(new RuleNodes(rf.node("record"), rf.string("record", structural), rf.node("alert"),
                    rf.string("alert", structural), rf.node("expr"), rf.string("expr", structural),
                    rf.duration("for", structural), rf.duration("keep_firing_for", structural),
                    rf.stringMap("labels", structural), rf.stringMap("annotations", structural)));
        }
        return g;
    }

    /**
     * rulefmt's rule checks; each problem is a format with the group, rule number and rule name
     * still to fill in ({@code %1$s}, {@code %2$d}, {@code %3$s}), behind the node's position.
     */
    private List<String> validate(RuleNodes r) {
        List<String> out = new ArrayList<>();
        String both = YamlFields.position(r.recordNode) + ": " + YamlFields.position(r.alertNode) + ": ";
        if (!r.record.isEmpty() && !r.alert.isEmpty()) {
            out.add(both + ruleError("only one of 'record' and 'alert' must be set"));
        }
        if (r.record.isEmpty() && r.alert.isEmpty()) {
            out.add(both + ruleError("one of 'record' or 'alert' must be set"));
        }
        String atExpr = YamlFields.position(r.exprNode) + ": ";
        if (r.expr.isEmpty()) {
            out.add(atExpr + ruleError("field 'expr' must be set in rule"));
        } else {
            try {
                language.check(r.expr);
            } catch (IllegalArgumentException e) {
                out.add(atExpr + ruleError("could not parse expression: " + e.getMessage()));
            }
        }
        String atRecord = YamlFields.position(r.recordNode) + ": ";
        if (!r.record.isEmpty()) {
            if (!r.annotations.isEmpty()) {
                out.add(atRecord + ruleError("invalid field 'annotations' in recording rule"));
            }
            if (r.forMs != 0) {
                out.add(atRecord + ruleError("invalid field 'for' in recording rule"));
            }
            if (r.keepFiringForMs != 0) {
                out.add(atRecord + ruleError("invalid field 'keep_firing_for' in recording rule"));
            }
            if (!RuleNames.isValidMetricName(r.record)) {
                out.add(atRecord + ruleError("invalid recording rule name: " + r.record));
            }
            if (r.record.contains("{") || r.record.contains("}")) {
                out.add(atRecord + ruleError("braces present in the recording rule name; should it be in expr?: "
                        + r.record));
            }
        }
        r.labels.forEach((k, v) -> {
            if (!RuleNames.isValidLabelName(k) || k.equals("__name__")) {
                out.add(ruleError("invalid label name: " + k));
            }
        });
        r.annotations.keySet().forEach(k -> {
            if (!RuleNames.isValidLabelName(k)) {
                out.add(ruleError("invalid annotation name: " + k));
            }
        });
        if (!r.alert.isEmpty()) {
            r.labels.forEach((k, v) -> templateProblem(r.alert, "label", k, v, out));
            r.annotations.forEach((k, v) -> templateProblem(r.alert, "annotation", k, v, out));
        }
        return out;
    }

    private static void templateProblem(String alert, String what, String key, String text, List<String> out) {
        try {
            AlertTemplates.parse(alert, text, "");
        } catch (TemplateException e) {
            out.add(ruleError(what + " " + GoStrings.quote(key) + ": " + e.getMessage()));
        }
    }

    /** {@code group "g", rule 1, "name": problem} with the problem's own {@code %} escaped. */
    private static String ruleError(String problem) {
        return "group %1$s, rule %2$d, %3$s: " + problem.replace("%", "%%");
    }

    private record GroupNodes(Node node, String name, long intervalMs, int limit, long queryOffsetMs,
                              Map<String, String> labels, List<RuleNodes> rules) {
        GroupNodes(Node node, String name, long intervalMs, int limit, long queryOffsetMs, Map<String, String> labels) {
            this(node, name, intervalMs, limit, queryOffsetMs, labels, new ArrayList<>());
        }
    }

    private record RuleNodes(Node recordNode, String record, Node alertNode, String alert, Node exprNode, String expr,
                             long forMs, long keepFiringForMs, Map<String, String> labels,
                             Map<String, String> annotations) {
        /** The rule, the group's labels under its own (a rule's label wins). */
        Rule toRule(Map<String, String> groupLabels) {
            Map<String, String> all = new TreeMap<>(groupLabels);
            all.putAll(labels);
            if (!alert.isEmpty()) {
                return new AlertingRule(alert, expr, forMs, keepFiringForMs, all, annotations);
            }
            return new RecordingRule(record, expr, all);
        }
    }
}
