package io.sightline.query.rules.slo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.nodes.Node;

import io.sightline.query.promql.PromqlEngine;
import io.sightline.query.promql.PromqlParseException;
import io.sightline.query.promql.parser.Durations;
import io.sightline.query.promql.parser.GoStrings;
import io.sightline.query.rules.RuleFileException;
import io.sightline.query.rules.YamlFields;

/**
 * Reads one SLO declaration file (see the module README): a {@code slos} list of {@code name},
 * {@code service}, {@code objective}, {@code window}, {@code events}, {@code labels}. Strict: unknown
 * and repeated keys are refused, and every problem names its position, the SLO and the field
 * ({@code FILE: 4:16: slo "checkout": objective: …}). Not thread-safe; one per file.
 */
final class SloFileReader {
    static final String DEFAULT_WINDOW = "30d";
    static final String SPAN_METRICS = "span-metrics";
    /** Labels the generator sets itself; a declaration may not set them. */
    static final Set<String> RESERVED_LABELS = Set.of("__name__", "slo", "service", "severity");

    private static final Set<String> FILE_FIELDS = Set.of("slos");
    private static final Set<String> SLO_FIELDS = Set.of("name", "service", "objective", "window", "events", "labels");
    private static final Set<String> EVENT_FIELDS = Set.of("from", "errors", "good", "total");

    private final String file;
    private final List<String> problems = new ArrayList<>();

    SloFileReader(String file) {
        this.file = file;
    }

    List<SloDeclaration> read(String yaml) {
        Node root = YamlFields.compose(file, yaml);
        List<SloDeclaration> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        if (root != null) {
            YamlFields top = YamlFields.of(root, "slo file", FILE_FIELDS, problems);
            List<Node> slos = top.sequence("slos", "slo", problems);
            for (int i = 0; i < slos.size(); i++) {
                SloDeclaration d = slo(slos.get(i), i + 1);
                if (d != null && !names.add(d.name())) {
                    problems.add(YamlFields.position(slos.get(i)) + ": slo " + GoStrings.quote(d.name())
                            + ": name: repeated in the same file");
                }
                if (d != null) {
                    out.add(d);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleFileException(problems.stream().map(p -> file + ": " + p).toList());
        }
        return out;
    }

    /** One SLO, or null when it has problems (added to {@link #problems}). */
    private SloDeclaration slo(Node node, int index) {
        int before = problems.size();
        List<String> local = new ArrayList<>();
        YamlFields f = YamlFields.of(node, "slo", SLO_FIELDS, local);
        String name = f.string("name", local);
        String who = "slo " + (name.isEmpty() ? "#" + index : GoStrings.quote(name)) + ": ";
        local.forEach(p -> problems.add(p.replaceFirst(": ", ": " + who)));
        local.clear();
        if (name.isEmpty()) {
            problems.add(YamlFields.position(node) + ": " + who + "name: must be set");
        }
        String service = f.string("service", problems);
        if (service.isEmpty()) {
            problems.add(at(f.node("service"), node) + who + "service: must be set");
        }
        BigDecimal objective = objective(f, node, who);
        long windowMs = window(f, node, who);
        SloEvents events = events(f.node("events"), who);
        Map<String, String> labels = f.stringMap("labels", problems);
        for (String label : labels.keySet()) {
            if (label.isEmpty() || RESERVED_LABELS.contains(label)) {
                problems.add(at(f.node("labels"), node) + who + "labels: " + GoStrings.quote(label)
                        + " is set by the generator or invalid (reserved: __name__, slo, service, severity)");
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new SloDeclaration(name, service, objective, windowMs, events, labels);
    }

    private BigDecimal objective(YamlFields f, Node slo, String who) {
        String text = f.string("objective", problems).strip();
        if (text.endsWith("%")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        String where = at(f.node("objective"), slo) + who + "objective: ";
        if (text.isEmpty()) {
            problems.add(where + "must be set (percent of good events, e.g. 99.9)");
            return BigDecimal.ZERO;
        }
        try {
            BigDecimal value = new BigDecimal(text);
            if (value.signum() <= 0 || value.compareTo(BigDecimal.valueOf(100)) >= 0) {
                problems.add(where + "must be a percentage above 0 and below 100, got " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            problems.add(where + "not a number: " + GoStrings.quote(text));
            return BigDecimal.ZERO;
        }
    }

    private long window(YamlFields f, Node slo, String who) {
        String text = f.string("window", problems);
        String where = at(f.node("window"), slo) + who + "window: ";
        try {
            long ms = Durations.parseMillis(text.isEmpty() ? DEFAULT_WINDOW : text);
            if (ms < BurnRateWindow.LONGEST_WINDOW_MS) {
                problems.add(where + "must be at least 3d (the longest alert window), got " + text);
            }
            return ms;
        } catch (IllegalArgumentException e) {
            problems.add(where + e.getMessage());
            return 0;
        }
    }

    private SloEvents events(Node node, String who) {
        if (node == null || YamlFields.isNull(node)) {
            return new SloEvents.SpanMetrics();
        }
        List<String> local = new ArrayList<>();
        YamlFields f = YamlFields.of(node, "events", EVENT_FIELDS, local);
        local.forEach(p -> problems.add(p.replaceFirst(": ", ": " + who + "events: ")));
        String from = f.string("from", problems);
        String errors = f.string("errors", problems);
        String good = f.string("good", problems);
        String total = f.string("total", problems);
        String where = YamlFields.position(node) + ": " + who + "events: ";
        if (!from.isEmpty()) {
            if (!from.equals(SPAN_METRICS)) {
                problems.add(where + "from: unknown source " + GoStrings.quote(from) + " (known: span-metrics)");
            }
            if (!errors.isEmpty() || !good.isEmpty() || !total.isEmpty()) {
                problems.add(where + "give either from: span-metrics or a PromQL pair, not both");
            }
            return new SloEvents.SpanMetrics();
        }
        if (total.isEmpty() || errors.isEmpty() == good.isEmpty()) {
            problems.add(where + "a PromQL pair needs total and exactly one of errors and good");
            return new SloEvents.SpanMetrics();
        }
        String bad = errors.isEmpty() ? "good" : "errors";
        checkTemplate(f.node(bad), bad, errors.isEmpty() ? good : errors, who);
        checkTemplate(f.node("total"), "total", total, who);
        return errors.isEmpty() ? new SloEvents.GoodAndTotal(good, total) : new SloEvents.ErrorsAndTotal(errors, total);
    }

    private void checkTemplate(Node node, String field, String template, String who) {
        String where = YamlFields.position(node) + ": " + who + "events: " + field + ": ";
        if (!SloEvents.WINDOW.matcher(template).find()) {
            problems.add(where + "must hold {{.window}} where each alert window's range goes, e.g. rate(x[{{.window}}])");
            return;
        }
        try {
            PromqlEngine.parse(SloEvents.withWindow(template, "5m"));
        } catch (PromqlParseException e) {
            problems.add(where + "could not parse expression: " + e.getMessage());
        }
    }

    /** The node's position, else its SLO's, followed by {@code ": "}. */
    private static String at(Node node, Node slo) {
        return YamlFields.position(node == null ? slo : node) + ": ";
    }
}
