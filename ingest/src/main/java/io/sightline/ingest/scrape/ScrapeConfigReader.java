package io.sightline.ingest.scrape;

import static io.sightline.ingest.YamlValues.bool;
import static io.sightline.ingest.YamlValues.bytes;
import static io.sightline.ingest.YamlValues.duration;
import static io.sightline.ingest.YamlValues.list;
import static io.sightline.ingest.YamlValues.map;
import static io.sightline.ingest.YamlValues.string;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

import io.sightline.ingest.YamlValues;
import io.sightline.storage.tsdb.Labels;

/**
 * Reads a Prometheus configuration file's {@code global} (interval and timeout) and
 * {@code scrape_configs} with {@code static_configs}; other top-level sections ({@code rule_files},
 * {@code alerting}, ...) are ignored so a Prometheus file can be used as it is, but unknown keys
 * inside a scrape config are errors, as Prometheus's strict reading makes them. Stateless.
 */
public final class ScrapeConfigReader {
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> JOB_KEYS = Set.of("job_name", "scrape_interval", "scrape_timeout", "metrics_path",
            "scheme", "params", "honor_labels", "honor_timestamps", "sample_limit", "body_size_limit", "basic_auth",
            "authorization", "bearer_token", "static_configs", "relabel_configs", "metric_relabel_configs");
    private static final Set<String> RELABEL_KEYS = Set.of("source_labels", "separator", "regex", "target_label",
            "replacement", "action", "modulus");

    private ScrapeConfigReader() {
    }

    /** @throws IllegalArgumentException naming the job and field of the first problem */
    public static List<ScrapeJob> read(String yaml, ScrapeDefaults defaults) {
        Object root = YamlValues.load(yaml);
        if (root == null) {
            return List.of();
        }
        Map<String, Object> top = map(root, "the file");
        Map<String, Object> global = top.get("global") == null ? Map.of() : map(top.get("global"), "global");
        Duration interval = global.containsKey("scrape_interval")
                ? duration(global.get("scrape_interval"), "global.scrape_interval") : defaults.interval();
        Duration timeout = global.containsKey("scrape_timeout")
                ? duration(global.get("scrape_timeout"), "global.scrape_timeout") : defaults.timeout();
        List<ScrapeJob> jobs = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        Object configs = top.get("scrape_configs");
        if (configs == null) {
            return jobs;
        }
        int index = 0;
        for (Object item : list(configs, "scrape_configs")) {
            ScrapeJob job = job(map(item, "scrape_configs[" + index + "]"), index, interval, timeout, defaults);
            if (!names.add(job.name())) {
                throw new IllegalArgumentException("scrape_configs: job_name \"" + job.name() + "\" is used twice");
            }
            jobs.add(job);
            index++;
        }
        return jobs;
    }

    private static ScrapeJob job(Map<String, Object> m, int index, Duration globalInterval, Duration globalTimeout,
            ScrapeDefaults defaults) {
        Object nameValue = m.get("job_name");
        if (!(nameValue instanceof String name) || name.isEmpty()) {
            throw new IllegalArgumentException("scrape_configs[" + index + "]: job_name is required");
        }
        String where = "job \"" + name + "\": ";
        for (String key : m.keySet()) {
            if (!JOB_KEYS.contains(key)) {
                throw new IllegalArgumentException(where + "unknown field \"" + key + "\"");
            }
        }
        Duration interval = m.containsKey("scrape_interval") ? duration(m.get("scrape_interval"), where + "scrape_interval") : globalInterval;
        Duration timeout = m.containsKey("scrape_timeout") ? duration(m.get("scrape_timeout"), where + "scrape_timeout")
                : (globalTimeout.compareTo(interval) > 0 ? interval : globalTimeout);
        if (interval.isZero()) {
            throw new IllegalArgumentException(where + "scrape_interval must be positive");
        }
        if (timeout.isZero() || timeout.compareTo(interval) > 0) {
            throw new IllegalArgumentException(where + "scrape_timeout " + timeout + " must be positive and at most scrape_interval " + interval);
        }
        String scheme = string(m.getOrDefault("scheme", "http"), where + "scheme");
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(where + "scheme must be http or https, not \"" + scheme + "\"");
        }
        String path = string(m.getOrDefault("metrics_path", "/metrics"), where + "metrics_path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException(where + "metrics_path must start with /");
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (m.get("params") != null) {
            map(m.get("params"), where + "params").forEach((k, v) -> {
                List<String> values = new ArrayList<>();
                for (Object value : list(v, where + "params." + k)) {
                    values.add(string(value, where + "params." + k));
                }
                params.put(k, values);
            });
        }
        int sampleLimit = m.containsKey("sample_limit") ? (int) nonNegative(m.get("sample_limit"), where + "sample_limit") : defaults.sampleLimit();
        long bodyLimit = m.containsKey("body_size_limit") ? bytes(m.get("body_size_limit"), where + "body_size_limit") : defaults.bodySizeLimit();
        return new ScrapeJob(name, scheme, path, params, interval, timeout,
                bool(m.getOrDefault("honor_labels", false), where + "honor_labels"),
                bool(m.getOrDefault("honor_timestamps", true), where + "honor_timestamps"),
                sampleLimit, bodyLimit, authorization(m, where), targets(m.get("static_configs"), where),
                relabel(m.get("relabel_configs"), where, "relabel_configs"),
                relabel(m.get("metric_relabel_configs"), where, "metric_relabel_configs"));
    }

    private static String authorization(Map<String, Object> m, String where) {
        int given = (m.containsKey("basic_auth") ? 1 : 0) + (m.containsKey("authorization") ? 1 : 0) + (m.containsKey("bearer_token") ? 1 : 0);
        if (given > 1) {
            throw new IllegalArgumentException(where + "at most one of basic_auth, authorization and bearer_token may be set");
        }
        if (m.get("basic_auth") != null) {
            Map<String, Object> auth = map(m.get("basic_auth"), where + "basic_auth");
            String user = string(auth.getOrDefault("username", ""), where + "basic_auth.username");
            String password = string(auth.getOrDefault("password", ""), where + "basic_auth.password");
            return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
        if (m.get("authorization") != null) {
            Map<String, Object> auth = map(m.get("authorization"), where + "authorization");
            String type = string(auth.getOrDefault("type", "Bearer"), where + "authorization.type");
            return type + " " + string(auth.getOrDefault("credentials", ""), where + "authorization.credentials");
        }
        if (m.get("bearer_token") != null) {
            return "Bearer " + string(m.get("bearer_token"), where + "bearer_token");
        }
        return null;
    }

    private static List<ScrapeJob.StaticTarget> targets(Object value, String where) {
        List<ScrapeJob.StaticTarget> targets = new ArrayList<>();
        if (value == null) {
            return targets;
        }
        for (Object group : list(value, where + "static_configs")) {
            Map<String, Object> g = map(group, where + "static_configs");
            for (String key : g.keySet()) {
                if (!key.equals("targets") && !key.equals("labels")) {
                    throw new IllegalArgumentException(where + "static_configs: unknown field \"" + key + "\"");
                }
            }
            Labels.Builder labels = Labels.builder();
            if (g.get("labels") != null) {
                map(g.get("labels"), where + "static_configs.labels").forEach((k, v) -> {
                    if (!LABEL_NAME.matcher(k).matches()) {
                        throw new IllegalArgumentException(where + "static_configs: invalid label name \"" + k + "\"");
                    }
                    labels.set(k, string(v, where + "static_configs.labels." + k));
                });
            }
            Labels built = labels.build();
            for (Object t : list(g.getOrDefault("targets", List.of()), where + "static_configs.targets")) {
                String address = string(t, where + "static_configs.targets");
                if (address.isEmpty() || address.contains("/") || address.contains("?")) {
                    throw new IllegalArgumentException(where + "target \"" + address + "\" must be host:port (no scheme or path)");
                }
                targets.add(new ScrapeJob.StaticTarget(address, built));
            }
        }
        return targets;
    }

    private static List<RelabelRule> relabel(Object value, String where, String field) {
        List<RelabelRule> rules = new ArrayList<>();
        if (value == null) {
            return rules;
        }
        int i = 0;
        for (Object item : list(value, where + field)) {
            String at = where + field + "[" + i++ + "]: ";
            Map<String, Object> r = map(item, at);
            for (String key : r.keySet()) {
                if (!RELABEL_KEYS.contains(key)) {
                    throw new IllegalArgumentException(at + "unknown field \"" + key + "\"");
                }
            }
            List<String> sources = new ArrayList<>();
            if (r.get("source_labels") != null) {
                for (Object s : list(r.get("source_labels"), at + "source_labels")) {
                    sources.add(string(s, at + "source_labels"));
                }
            }
            String actionText = string(r.getOrDefault("action", "replace"), at + "action");
            RelabelRule.Action action;
            try {
                action = RelabelRule.Action.valueOf(actionText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + "unsupported action \"" + actionText
                        + "\" (replace, keep, drop, labeldrop, labelkeep, labelmap, lowercase, uppercase, keepequal, dropequal, hashmod)");
            }
            try {
                rules.add(new RelabelRule(sources, string(r.getOrDefault("separator", ";"), at + "separator"),
                        string(r.getOrDefault("regex", "(.*)"), at + "regex"),
                        r.get("target_label") == null ? null : string(r.get("target_label"), at + "target_label"),
                        string(r.getOrDefault("replacement", "$1"), at + "replacement"), action,
                        r.get("modulus") == null ? 0 : nonNegative(r.get("modulus"), at + "modulus")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + e.getMessage(), e);
            }
        }
        return rules;
    }

    private static long nonNegative(Object value, String where) {
        if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 0
                || ((Number) value).longValue() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(where + ": expected a whole number from 0, got " + value);
        }
        return ((Number) value).longValue();
    }
}
