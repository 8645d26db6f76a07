package io.sightline.query.rules;

import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

    /** The fields of {@code node}, a mapping of the type Prometheus calls {@code typeName}. */
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

    /** The key node of {@code key}, or null when absent: where a problem with the field itself is reported. */
    public Node keyNode(String key) {
        NodeTuple t = fields.get(key);
        return t == null ? null : t.getKeyNode();
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

    /** A float64 field as yaml.v2 decodes one: a YAML int or float ({@code .inf}, {@code .nan}); 0 when absent. */
    public double float64(String key, List<String> problems) {
        Node node = node(key);
        if (node == null || isNull(node)) {
            return 0;
        }
        if (node instanceof ScalarNode s && (s.getTag().equals(Tag.FLOAT) || s.getTag().equals(Tag.INT))) {
            String text = s.getValue().replace("_", "");
            String lower = text.toLowerCase(Locale.ROOT);
            try {
                return switch (lower) {
                    case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
                    case "-.inf" -> Double.NEGATIVE_INFINITY;
                    case ".nan" -> Double.NaN;
                    default -> s.getTag().equals(Tag.INT) ? integerValue(lower) : Double.parseDouble(text);
                };
            } catch (NumberFormatException e) {
                // a sexagesimal or otherwise unusual YAML 1.1 number: reported below
            }
        }
        problems.add(position(node) + ": cannot unmarshal " + kind(node) + " into float64");
        return 0;
    }

    /** A YAML 1.1 integer's value: decimal, {@code 0x} hex, {@code 0b} binary or {@code 0} octal. */
    private static double integerValue(String text) {
        boolean negative = text.startsWith("-");
        String digits = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        BigInteger value;
        if (digits.startsWith("0x")) {
            value = new BigInteger(digits.substring(2), 16);
        } else if (digits.startsWith("0b")) {
            value = new BigInteger(digits.substring(2), 2);
        } else if (digits.length() > 1 && digits.startsWith("0")) {
            value = new BigInteger(digits.substring(1), 8);
        } else {
            value = new BigInteger(digits);
        }
        return negative ? -value.doubleValue() : value.doubleValue();
    }

    /** A bool field (YAML 1.1: {@code true}/{@code yes}/{@code on} and their opposites); false when absent. */
    public boolean bool(String key, List<String> problems) {
        Node node = node(key);
        if (node == null || isNull(node)) {
            return false;
        }
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
            return switch (s.getValue().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> true;
                default -> false;
            };
        }
        problems.add(position(node) + ": cannot unmarshal " + kind(node) + " into bool");
        return false;
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
