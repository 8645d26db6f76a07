package io.sightline.ingest.export;

import static io.sightline.ingest.YamlValues.bool;
import static io.sightline.ingest.YamlValues.bytes;
import static io.sightline.ingest.YamlValues.duration;
import static io.sightline.ingest.YamlValues.integer;
import static io.sightline.ingest.YamlValues.list;
import static io.sightline.ingest.YamlValues.map;
import static io.sightline.ingest.YamlValues.number;
import static io.sightline.ingest.YamlValues.onlyKeys;
import static io.sightline.ingest.YamlValues.string;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.sightline.ingest.Signal;
import io.sightline.ingest.YamlValues;
import io.sightline.storage.tsdb.Labels;

/**
 * Reads the exporters file: a YAML document with a list {@code exporters}, each naming its
 * {@code protocol} and {@code endpoint} and optionally everything else ({@code ExporterConfig}).
 * Strict: unknown fields, bad values and repeated names fail naming the exporter and field, so a
 * typo never silently forwards nothing. Stateless.
 */
public final class ExporterConfigReader {
    private static final Set<String> KEYS = Set.of("name", "protocol", "endpoint", "signals", "headers", "compression",
            "timeout", "tls", "services", "exclude_services", "trace_sample_ratio", "drop_metrics", "batch", "retry", "backlog", "shards",
            "external_labels", "send_metadata");
    private static final Set<String> TLS_KEYS = Set.of("ca_file", "cert_file", "key_file", "insecure_skip_verify");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private ExporterConfigReader() {
    }

    /**
     * The file's exporters, in file order.
     *
     * @throws IllegalArgumentException naming the exporter and field of the first problem
     */
    public static List<ExporterConfig> read(String yaml) {
        Object root = YamlValues.load(yaml);
        if (root == null) {
            return List.of();
        }
        Map<String, Object> top = map(root, "the file");
        onlyKeys(top, Set.of("exporters"), "the file");
        List<ExporterConfig> exporters = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        Object items = top.get("exporters");
        if (items == null) {
            return exporters;
        }
        int index = 0;
        for (Object item : list(items, "exporters")) {
            ExporterConfig exporter = exporter(map(item, "exporters[" + index + "]"), "exporters[" + index + "]");
            if (!names.add(exporter.name())) {
                throw new IllegalArgumentException("exporters: name \"" + exporter.name() + "\" is used twice");
            }
            exporters.add(exporter);
            index++;
        }
        return exporters;
    }

    private static ExporterConfig exporter(Map<String, Object> m, String at) {
        if (m.get("name") == null) {
            throw new IllegalArgumentException(at + ": name is required");
        }
        String name = string(m.get("name"), at + ".name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(at + ".name: \"" + name
                    + "\" must be 1-64 letters, digits, '_', '.' or '-' (it names files and metric labels)");
        }
        String where = "exporter \"" + name + "\"";
        onlyKeys(m, KEYS, where);
        if (m.get("protocol") == null || m.get("endpoint") == null) {
            throw new IllegalArgumentException(where + ": protocol and endpoint are required");
        }
        ExportProtocol protocol = ExportProtocol.named(string(m.get("protocol"), where + ".protocol"), where + ".protocol");
        URI endpoint = endpoint(string(m.get("endpoint"), where + ".endpoint"), where + ".endpoint");
        Set<Signal> signals = signals(m.get("signals"), protocol, where + ".signals");
        Map<String, String> headers = new LinkedHashMap<>();
        if (m.get("headers") != null) {
            map(m.get("headers"), where + ".headers").forEach((k, v) -> headers.put(k, string(v, where + ".headers." + k)));
        }
        boolean gzip = true;
        if (m.get("compression") != null) {
            String compression = string(m.get("compression"), where + ".compression");
            if (!compression.equals("gzip") && !compression.equals("none")) {
                throw new IllegalArgumentException(where + ".compression: \"" + compression + "\" is not gzip or none");
            }
            if (protocol != ExportProtocol.OTLP_GRPC && protocol != ExportProtocol.OTLP_HTTP) {
                throw new IllegalArgumentException(where + ".compression: only OTLP exporters choose (remote_write and loki are snappy)");
            }
            gzip = compression.equals("gzip");
        }
        Duration timeout = m.get("timeout") == null ? Duration.ofSeconds(10) : positive(m.get("timeout"), where + ".timeout");
        double ratio = m.get("trace_sample_ratio") == null ? 1.0 : number(m.get("trace_sample_ratio"), where + ".trace_sample_ratio");
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new IllegalArgumentException(where + ".trace_sample_ratio: " + ratio + " is not within 0 and 1");
        }
        List<String> dropMetrics = m.get("drop_metrics") == null ? List.of()
                : List.copyOf(strings(m.get("drop_metrics"), where + ".drop_metrics"));
        if (!dropMetrics.isEmpty() && !signals.contains(Signal.METRICS)) {
            throw new IllegalArgumentException(where + ".drop_metrics: the exporter forwards no metrics");
        }
        ExportFilter filter;
        try {
            filter = new ExportFilter(strings(m.get("services"), where + ".services"),
                    strings(m.get("exclude_services"), where + ".exclude_services"), ratio, dropMetrics);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + "." + e.getMessage(), e);
        }
        boolean remoteWrite = protocol == ExportProtocol.REMOTE_WRITE;
        for (String key : List.of("shards", "external_labels", "send_metadata")) {
            if (m.containsKey(key) && !remoteWrite) {
                throw new IllegalArgumentException(where + "." + key + ": only for protocol remote_write");
            }
        }
        int shards = m.get("shards") == null ? (remoteWrite ? 2 : 1) : integer(m.get("shards"), 1, where + ".shards");
        return new ExporterConfig(name, protocol, endpoint, signals, headers, gzip, timeout, tls(m.get("tls"), where + ".tls"),
                filter, batch(m.get("batch"), protocol, where + ".batch"), retry(m.get("retry"), where + ".retry"),
                backlog(m.get("backlog"), where + ".backlog"), shards, externalLabels(m.get("external_labels"),
                where + ".external_labels"), m.get("send_metadata") == null || bool(m.get("send_metadata"), where + ".send_metadata"));
    }

    private static URI endpoint(String text, String where) {
        try {
            URI uri = new URI(text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException(where + ": \"" + text + "\" must be an http:// or https:// URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(where + ": \"" + text + "\" is not a URL: " + e.getMessage(), e);
        }
    }

    private static Set<Signal> signals(Object value, ExportProtocol protocol, String where) {
        if (value == null) {
            return protocol.signals();
        }
        Set<Signal> signals = EnumSet.noneOf(Signal.class);
        for (Object item : list(value, where)) {
            String name = string(item, where);
            Signal signal = switch (name) {
                case "metrics" -> Signal.METRICS;
                case "logs" -> Signal.LOGS;
                case "traces" -> Signal.TRACES;
                default -> throw new IllegalArgumentException(where + ": \"" + name + "\" is not metrics, logs or traces");
            };
            if (!protocol.signals().contains(signal)) {
                throw new IllegalArgumentException(where + ": protocol " + protocol.configName() + " cannot carry " + name);
            }
            signals.add(signal);
        }
        if (signals.isEmpty()) {
            throw new IllegalArgumentException(where + ": an empty list forwards nothing; remove the exporter instead");
        }
        return signals;
    }

    private static Set<String> strings(Object value, String where) {
        Set<String> result = new TreeSet<>();
        if (value != null) {
            for (Object item : list(value, where)) {
                result.add(string(item, where));
            }
        }
        return result;
    }

    private static ExportTls tls(Object value, String where) {
        if (value == null) {
            return ExportTls.DEFAULT;
        }
        Map<String, Object> m = map(value, where);
        onlyKeys(m, TLS_KEYS, where);
        Path cert = path(m.get("cert_file"), where + ".cert_file");
        Path key = path(m.get("key_file"), where + ".key_file");
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException(where + ": cert_file and key_file go together");
        }
        return new ExportTls(path(m.get("ca_file"), where + ".ca_file"), cert, key,
                m.get("insecure_skip_verify") != null && bool(m.get("insecure_skip_verify"), where + ".insecure_skip_verify"));
    }

    private static Path path(Object value, String where) {
        return value == null ? null : Path.of(string(value, where));
    }

    private static BatchLimits batch(Object value, ExportProtocol protocol, String where) {
        BatchLimits defaults = BatchLimits.defaultFor(protocol);
        if (value == null) {
            return defaults;
        }
        Map<String, Object> m = map(value, where);
        onlyKeys(m, Set.of("max_bytes", "max_delay"), where);
        long maxBytes = m.get("max_bytes") == null ? defaults.maxBytes() : bytes(m.get("max_bytes"), where + ".max_bytes");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException(where + ".max_bytes: must be positive");
        }
        return new BatchLimits(maxBytes, m.get("max_delay") == null ? defaults.maxDelay()
                : duration(m.get("max_delay"), where + ".max_delay"));
    }

    private static RetryPolicy retry(Object value, String where) {
        if (value == null) {
            return RetryPolicy.DEFAULT;
        }
        Map<String, Object> m = map(value, where);
        onlyKeys(m, Set.of("initial_backoff", "max_backoff"), where);
        Duration initial = m.get("initial_backoff") == null ? RetryPolicy.DEFAULT.initial()
                : positive(m.get("initial_backoff"), where + ".initial_backoff");
        Duration max = m.get("max_backoff") == null ? RetryPolicy.DEFAULT.max() : positive(m.get("max_backoff"), where + ".max_backoff");
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException(where + ": max_backoff " + max + " is shorter than initial_backoff " + initial);
        }
        return new RetryPolicy(initial, max);
    }

    private static BacklogBound backlog(Object value, String where) {
        if (value == null) {
            return BacklogBound.DEFAULT;
        }
        Map<String, Object> m = map(value, where);
        onlyKeys(m, Set.of("max_age", "max_bytes"), where);
        return new BacklogBound(m.get("max_age") == null ? BacklogBound.DEFAULT.maxAge() : positive(m.get("max_age"), where + ".max_age"),
                m.get("max_bytes") == null ? BacklogBound.DEFAULT.maxBytes() : bytes(m.get("max_bytes"), where + ".max_bytes"));
    }

    private static Labels externalLabels(Object value, String where) {
        if (value == null) {
            return Labels.EMPTY;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        map(value, where).forEach((k, v) -> {
            if (!LABEL_NAME.matcher(k).matches() || k.startsWith("__")) {
                throw new IllegalArgumentException(where + ": \"" + k + "\" is not a label name (or is reserved)");
            }
            labels.put(k, string(v, where + "." + k));
        });
        return Labels.of(labels);
    }

    private static Duration positive(Object value, String where) {
        Duration d = duration(value, where);
        if (d.isZero()) {
            throw new IllegalArgumentException(where + ": must be positive");
        }
        return d;
    }
}
