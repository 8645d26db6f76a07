package io.sightline.appliance;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sightline.storage.wal.SyncPolicy;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The resolved configuration of one appliance: every {@link Settings} value, taken from (highest
 * first) command-line flags, {@code SIGHTLINE_*} environment variables, the YAML config file and
 * the defaults. Every value is checked here, at start-up, so a bad one stops it with a message
 * naming the option.
 */
public final class ApplianceConfig {
    private final Map<String, Object> values;

    private ApplianceConfig(Map<String, Object> values) {
        this.values = values;
    }

    /** Resolves flags ({@code --key value} or {@code --key=value}) over the environment, file and defaults. */
    public static ApplianceConfig resolve(List<String> args, Map<String, String> environment) {
        Map<String, String> flags = parseFlags(args);
        Map<String, String> raw = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        for (Setting setting : Settings.ALL) {
            raw.put(setting.key(), setting.defaultValue());
            sources.put(setting.key(), "default");
        }
        String configFile = flags.getOrDefault(Settings.CONFIG.key(), environment.get(Settings.CONFIG.environmentVariable()));
        if (configFile != null && !configFile.isBlank()) {
            Path file = (Path) Settings.CONFIG.parse(configFile, "config file path");
            readYaml(file).forEach((key, value) -> {
                raw.put(key, value);
                sources.put(key, "config file " + file);
            });
        }
        for (Setting setting : Settings.ALL) {
            String value = environment.get(setting.environmentVariable());
            if (value != null) {
                raw.put(setting.key(), value);
                sources.put(setting.key(), "environment variable " + setting.environmentVariable());
            }
        }
        flags.forEach((key, value) -> {
            raw.put(key, value);
            sources.put(key, "flag " + Settings.byKey(key).flag());
        });
        Map<String, Object> values = new LinkedHashMap<>();
        for (Setting setting : Settings.ALL) {
            values.put(setting.key(), setting.parse(raw.get(setting.key()), sources.get(setting.key())));
        }
        return new ApplianceConfig(values);
    }

    /** The defaults with some values replaced by key (the embedding API's builder uses this). */
    public static ApplianceConfig of(Map<String, String> overrides) {
        List<String> args = new ArrayList<>();
        overrides.forEach((key, value) -> {
            args.add("--" + key);
            args.add(value);
        });
        return resolve(args, Map.of());
    }

    public Path dataDir() {
        return (Path) values.get(Settings.DATA_DIR.key());
    }

    public String bind() {
        return (String) values.get(Settings.BIND.key());
    }

    public int httpPort() {
        return (Integer) values.get(Settings.HTTP_PORT.key());
    }

    public int otlpGrpcPort() {
        return (Integer) values.get(Settings.OTLP_GRPC_PORT.key());
    }

    public int otlpHttpPort() {
        return (Integer) values.get(Settings.OTLP_HTTP_PORT.key());
    }

    /** Every setting's effective value by key, in {@link Settings}' order. */
    Map<String, Object> values() {
        return java.util.Collections.unmodifiableMap(values);
    }

    /** An optional path or URL's value; empty when not set. */
    String text(Setting setting) {
        return String.valueOf(values.get(setting.key()));
    }

    long bytes(Setting setting) {
        return (Long) values.get(setting.key());
    }

    int integer(Setting setting) {
        return (Integer) values.get(setting.key());
    }

    Duration duration(Setting setting) {
        return (Duration) values.get(setting.key());
    }

    boolean flag(Setting setting) {
        return (Boolean) values.get(setting.key());
    }

    @SuppressWarnings("unchecked")
    List<String> names(Setting setting) {
        return (List<String>) values.get(setting.key());
    }

    @SuppressWarnings("unchecked")
    List<Double> numbers(Setting setting) {
        return (List<Double>) values.get(setting.key());
    }

    SyncPolicy syncPolicy() {
        return (SyncPolicy) values.get(Settings.WAL_SYNC.key());
    }

    private static Map<String, String> parseFlags(List<String> args) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new ConfigException("unexpected argument '" + arg + "'; options are --key value (see --help)");
            }
            String key = arg.substring(2);
            String value = null;
            int equals = key.indexOf('=');
            if (equals >= 0) {
                value = key.substring(equals + 1);
                key = key.substring(0, equals);
            }
            if (Settings.byKey(key) == null) {
                throw new ConfigException("unknown option --" + key + " (see --help for every option)");
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new ConfigException("option --" + key + " needs a value");
                }
                value = args.get(++i);
            }
            flags.put(key, value);
        }
        return flags;
    }

    private static Map<String, String> readYaml(Path file) {
        Object document;
        try (Reader reader = Files.newBufferedReader(file)) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        } catch (YAMLException e) {
            throw new ConfigException("config file " + file + " is not valid YAML: " + e.getMessage());
        }
        Map<String, String> flat = new LinkedHashMap<>();
        if (document == null) {
            return flat;
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new ConfigException("config file " + file + " must hold a mapping of keys to values");
        }
        flatten("", map, flat, file);
        return flat;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> flat, Path file) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = prefix + entry.getKey();
            if (entry.getValue() instanceof Map<?, ?> nested) {
                flatten(key + ".", nested, flat, file);
            } else if (Settings.byKey(key) == null || key.equals(Settings.CONFIG.key())) {
                throw new ConfigException("unknown key '" + key + "' in config file " + file + "; known keys: "
                        + String.join(", ", Setting.names(Settings.ALL.subList(1, Settings.ALL.size()))));
            } else {
                Object value = entry.getValue();
                flat.put(key, value == null ? "" : value instanceof List<?> list
                        ? String.join(",", list.stream().map(String::valueOf).toList()) : value.toString());
            }
        }
    }
}
