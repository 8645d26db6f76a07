package io.sightline.query.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Represent;
import org.yaml.snakeyaml.representer.Representer;

import io.sightline.query.promql.parser.Durations;

/**
 * Writes rule groups as a Prometheus rule file that {@link RuleFileReader} (and Prometheus) reads back
 * to the same groups: keys in {@code rulefmt}'s order, durations in Prometheus's canonical form,
 * fields at their default left out, multi-line expressions as literal blocks so a generated file
 * stays readable and editable. Group labels are not written: a {@link RuleGroup} holds them merged
 * into each rule's. Stateless; thread-safe.
 */
final class RuleFileWriter {
    private RuleFileWriter() {
    }

    static String write(List<RuleGroup> groups) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RuleGroup g : groups) {
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("name", g.name());
            if (g.intervalMs() > 0) {
                group.put("interval", Durations.format(g.intervalMs()));
            }
            if (g.queryOffsetMs() > 0) {
                group.put("query_offset", Durations.format(g.queryOffsetMs()));
            }
            if (g.limit() > 0) {
                group.put("limit", g.limit());
            }
            group.put("rules", g.rules().stream().map(RuleFileWriter::rule).toList());
            out.add(group);
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(Integer.MAX_VALUE); // never fold a long expression or template over lines
        return new Yaml(new LiteralBlocks(options), options).dump(Map.of("groups", out));
    }

    private static Map<String, Object> rule(Rule rule) {
        Map<String, Object> r = new LinkedHashMap<>();
        switch (rule) {
            case RecordingRule rec -> {
                r.put("record", rec.record());
                r.put("expr", rec.expr());
            }
            case AlertingRule a -> {
                r.put("alert", a.alert());
                r.put("expr", a.expr());
                if (a.forMs() > 0) {
                    r.put("for", Durations.format(a.forMs()));
                }
                if (a.keepFiringForMs() > 0) {
                    r.put("keep_firing_for", Durations.format(a.keepFiringForMs()));
                }
            }
        }
        if (!rule.labels().isEmpty()) {
            r.put("labels", new LinkedHashMap<>(rule.labels()));
        }
        if (rule instanceof AlertingRule a && !a.annotations().isEmpty()) {
            r.put("annotations", new LinkedHashMap<>(a.annotations()));
        }
        return r;
    }

    /** Strings holding a line break as {@code |} blocks; every other string as snakeyaml would write it. */
    private static final class LiteralBlocks extends Representer {
        LiteralBlocks(DumperOptions options) {
            super(options);
            Represent plain = representers.get(String.class);
            representers.put(String.class, data -> ((String) data).contains("\n")
                    ? representScalar(Tag.STR, (String) data, DumperOptions.ScalarStyle.LITERAL)
                    : plain.representData(data));
        }
    }
}
