package io.sightline.sample.httpload;

import io.sightline.sample.load.CommandLine;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a scenario file: a YAML mapping of {@code target}, {@code users}, {@code spawnRate},
 * {@code rate}, {@code duration}, {@code thinkTime} and {@code endpoints} (a list of mappings of
 * {@code name}, {@code method}, {@code path}, {@code body}, {@code weight}). Walks snakeyaml's node
 * tree rather than binding to objects so that every error can name the line of the bad value, and
 * an unknown key (a typo) is an error rather than silently ignored. Stateless.
 */
final class ScenarioFile {

    private static final Set<String> TOP_KEYS =
            Set.of("target", "users", "spawnRate", "rate", "duration", "thinkTime", "endpoints");
    private static final Set<String> ENDPOINT_KEYS = Set.of("name", "method", "path", "body", "weight");

    private final String fileName;

    private ScenarioFile(String fileName) {
        this.fileName = fileName;
    }

    static HttpLoadScenario read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario file " + file, e);
        }
        return new ScenarioFile(file.getFileName().toString()).parse(new java.io.StringReader(text));
    }

    /** Parses scenario text; {@code fileName} only labels the errors. */
    static HttpLoadScenario read(String fileName, String text) {
        return new ScenarioFile(fileName).parse(new java.io.StringReader(text));
    }

    private HttpLoadScenario parse(Reader text) {
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(text);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            throw new ScenarioException(fileName + ":" + line + ": not valid YAML: " + e.getProblem(), e);
        } catch (YAMLException e) {
            throw new ScenarioException(fileName + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null) {
            throw new ScenarioException(fileName + ":1: the file is empty; it needs at least endpoints");
        }
        if (!(root instanceof MappingNode top)) {
            throw error(root, "the file", "must be a mapping of target, users, ..., endpoints");
        }
        HttpLoadScenario s = HttpLoadScenario.sampleShop(HttpLoadScenario.DEFAULT_TARGET);
        List<HttpEndpoint> endpoints = null;
        for (NodeTuple t : top.getValue()) {
            String key = key(t, TOP_KEYS, "");
            Node v = t.getValueNode();
            try {
                switch (key) {
                    case "target" -> s = s.withTarget(uri(key, v));
                    case "users" -> s = s.withUsers(CommandLine.intNumber(key, scalar(key, v)));
                    case "spawnRate" -> s = s.withSpawnRate(decimal(key, v));
                    case "rate" -> s = s.withTargetRate(decimal(key, v));
                    case "duration" -> s = s.withDuration(duration(key, v));
                    case "thinkTime" -> s = s.withThinkTime(duration(key, v));
                    case "endpoints" -> endpoints = endpoints(v);
                    default -> throw new IllegalStateException(key);
                }
            } catch (ScenarioException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw error(v, key, e.getMessage());
            }
        }
        if (endpoints == null) {
            throw error(top, "endpoints", "is missing: list at least one {name, method, path, body, weight}");
        }
        try {
            return s.withEndpoints(endpoints);
        } catch (IllegalArgumentException e) {
            throw error(top, "endpoints", e.getMessage());
        }
    }

    private List<HttpEndpoint> endpoints(Node node) {
        if (!(node instanceof SequenceNode list) || list.getValue().isEmpty()) {
            throw error(node, "endpoints", "must be a list of at least one {name, method, path, body, weight}");
        }
        List<HttpEndpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            Node item = list.getValue().get(i);
            String prefix = "endpoints[" + i + "].";
            if (!(item instanceof MappingNode m)) {
                throw error(item, "endpoints[" + i + "]", "must be a mapping of name, method, path, body, weight");
            }
            java.util.Map<String, Node> at = new java.util.HashMap<>();
            String name = null;
            String method = "GET";
            String path = null;
            String body = "";
            int weight = 1;
            for (NodeTuple t : m.getValue()) {
                String key = key(t, ENDPOINT_KEYS, prefix);
                Node v = t.getValueNode();
                at.put(key, v);
                String field = prefix + key;
                try {
                    switch (key) {
                        case "name" -> name = scalar(field, v);
                        case "method" -> method = scalar(field, v);
                        case "path" -> path = scalar(field, v);
                        case "body" -> body = v instanceof ScalarNode sn && "tag:yaml.org,2002:null".equals(
                                sn.getTag().getValue()) ? "" : scalar(field, v);
                        case "weight" -> weight = CommandLine.intNumber(field, scalar(field, v));
                        default -> throw new IllegalStateException(key);
                    }
                } catch (ScenarioException e) {
                    throw e;
                } catch (IllegalArgumentException e) {
                    throw error(v, field, e.getMessage());
                }
            }
            if (path == null) {
                throw error(item, prefix + "path", "is missing");
            }
            try {
                endpoints.add(new HttpEndpoint(name == null ? method + " " + path : name, method, path, body, weight));
            } catch (IllegalArgumentException e) {
                // HttpEndpoint's messages start with the field's name: point at that field's line
                String field = e.getMessage().split(" ", 2)[0];
                throw error(at.getOrDefault(field, item), prefix + field, e.getMessage().substring(field.length() + 1));
            }
        }
        return endpoints;
    }

    private String key(NodeTuple t, Set<String> known, String prefix) {
        Node k = t.getKeyNode();
        if (!(k instanceof ScalarNode s) || !known.contains(s.getValue())) {
            String shown = k instanceof ScalarNode s ? s.getValue() : k.getNodeId().name();
            throw error(k, prefix + shown, "is not a known key; known: " + known.stream().sorted().toList());
        }
        return s.getValue();
    }

    private String scalar(String field, Node v) {
        if (!(v instanceof ScalarNode s)) {
            throw error(v, field, "must be a single value, not a " + v.getNodeId().name());
        }
        return s.getValue();
    }

    private double decimal(String field, Node v) {
        return HttpLoadArgs.decimal(field, scalar(field, v));
    }

    private Duration duration(String field, Node v) {
        return CommandLine.duration(field, scalar(field, v));
    }

    private URI uri(String field, Node v) {
        String text = scalar(field, v);
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw error(v, field, "is not a URL: " + text);
        }
    }

    private ScenarioException error(Node at, String field, String problem) {
        String message = problem.startsWith(field + " ") ? problem : field + " " + problem;
        return new ScenarioException(fileName + ":" + (at.getStartMark().getLine() + 1) + ": " + message);
    }
}
