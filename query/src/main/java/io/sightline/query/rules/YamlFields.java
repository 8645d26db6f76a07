package io.sightline.query.rules;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import io.sightline.query.promql.parser.Durations;

/**
 * Typed reads of one YAML mapping node, strict as Prometheus's decoder with known fields: an unknown
 * or repeated key and a value of the wrong kind are problems, reported as {@code line:col: message}
 * (1-based, as yaml.v3 counts). Public for the rule generators' own files ({@code rules.slo}).
 * Not thread-safe; one per mapping.
 */
public final class YamlFields {
    private final Map<String, NodeTuple> fields = new LinkedHashMap<>();

    private YamlFields() {
    }

    /** The fields of {@code node}, a mapping of the type Prometheus calls {@code typeName}. */
    /**
     * The node tree of a YAML document (null when empty); a syntax error is a {@link RuleFileException}
     * naming {@code file} and the line and column. Duplicate keys pass, for {@link #of} to report.
     */
    public static Node compose(String file, String yaml) {
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true); // reported by YamlFields with both lines
            return new Yaml(options).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            String where = e.getProblemMark() == null ? "" : (e.getProblemMark().getLine() + 1) + ":"
                    + (e.getProblemMark().getColumn() + 1) + ": ";
            throw new RuleFileException(List.of(file + ": " + where + "yaml: " + e.getProblem()));
        } catch (YAMLException e) {
            throw new RuleFileException(List.of(file + ": yaml: " + e.getMessage()));
        }
    }

    public static YamlFields of(Node node, String typeName, Set<String> known, List<String> problems) {
        YamlFields f = new YamlFields();
        if (!(node instanceof MappingNode mapping)) {
            if (!isNull(node)) {
                problems.add(position(node) + ": cannot unmarshal " + kind(node) + " into " + typeName);
            }
            return f;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
            if (!known.contains(key)) {
                problems.add(position(tuple.getKeyNode()) + ": field " + key + " not found in type " + typeName);
            } else if (f.fields.containsKey(key)) {
                problems.add(position(tuple.getKeyNode()) + ": mapping key \"" + key + "\" already defined at line "
                        + (f.fields.get(key).getKeyNode().getStartMark().getLine() + 1));
            } else {
                f.fields.put(key, tuple);
            }
        }
        return f;
    }

    /** The value node of {@code key}, or null when absent. */
    public Node node(String key) {
        NodeTuple t = fields.get(key);
        return t == null ? null : t.getValueNode();
    }

    /** A string field: "" when absent or null; any scalar reads as its text (yaml.v3 does the same). */
    public String string(String key, List<String> problems) {
        return string(node(key), problems);
    }

    public static String string(Node node, List<String> problems) {
        if (node == null || isNull(node)) {
            return "";
        }
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        problems.add(position(node) + ": cannot unmarshal " + kind(node) + " into string");
        return "";
    }

    /** A Prometheus duration field in ms: 0 when absent. */
    public long duration(String key, List<String> problems) {
        Node node = node(key);
        String text = string(node, problems);
        if (text.isEmpty()) {
            return 0;
        }
        try {
            return Durations.parseMillis(text);
        } catch (IllegalArgumentException e) {
            problems.add(position(node) + ": " + e.getMessage());
            return 0;
        }
    }

    /** An int field: 0 when absent. */
    public int integer(String key, List<String> problems) {
        Node node = node(key);
        String text = string(node, problems);
        if (text.isEmpty()) {
            return 0;
        }
        try {
            return Integer.decode(text.replace("_", ""));
        } catch (NumberFormatException e) {
            problems.add(position(node) + ": cannot unmarshal !!str `" + text + "` into int");
            return 0;
        }
    }

    /** A string → string map field, in file order; empty when absent. */
    public Map<String, String> stringMap(String key, List<String> problems) {
        Node node = node(key);
        Map<String, String> out = new TreeMap<>();
        if (node == null || isNull(node)) {
            return out;
        }
        if (!(node instanceof MappingNode mapping)) {
            problems.add(position(node) + ": cannot unmarshal " + kind(node) + " into map[string]string");
            return out;
        }
        for (NodeTuple t : mapping.getValue()) {
            String name = string(t.getKeyNode(), problems);
            if (out.containsKey(name)) {
                problems.add(position(t.getKeyNode()) + ": mapping key \"" + name + "\" already defined");
            }
            out.put(name, string(t.getValueNode(), problems));
        }
        return out;
    }

    /** The items of a sequence field; empty when absent. */
    public List<Node> sequence(String key, String elementType, List<String> problems) {
        Node node = node(key);
        if (node == null || isNull(node)) {
            return List.of();
        }
        if (!(node instanceof SequenceNode seq)) {
            problems.add(position(node) + ": cannot unmarshal " + kind(node) + " into []" + elementType);
            return List.of();
        }
        return new ArrayList<>(seq.getValue());
    }

    public static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    /** {@code line:col}, 1-based; {@code 0:0} for a missing node, as Prometheus prints an empty yaml.Node. */
    public static String position(Node node) {
        if (node == null) {
            return "0:0";
        }
        return (node.getStartMark().getLine() + 1) + ":" + (node.getStartMark().getColumn() + 1);
    }

    private static String kind(Node node) {
        return switch (node) {
            case MappingNode m -> "!!map";
            case SequenceNode s -> "!!seq";
            case ScalarNode s -> "!!" + (s.getTag().getValue().startsWith(Tag.PREFIX)
                    ? s.getTag().getValue().substring(Tag.PREFIX.length()) : "str") + " `" + s.getValue() + "`";
            default -> "!!node";
        };
    }
}
