package io.sightline.appliance;

/** The text of {@code --help}: usage, then every option with its environment variable and default. */
final class Help {
    private Help() {
    }

    static String text() {
        StringBuilder text = new StringBuilder();
        text.append("""
                Sightline: OTLP metrics, logs and traces in, stored and searchable, in one process.

                Usage: java -jar sightline.jar [serve] [options]     run the appliance
                       java -jar sightline.jar demo [options]        the appliance, three sample services and a steady load
                                                                     on them (demo --help: its own options)
                       java -jar sightline.jar sample-api [options]  only the sample services (sample-api --help)
                       java -jar sightline.jar load [options]        the HTTP load generator (load --help)
                       java -jar sightline.jar check-rules FILE...   validate rule files as promtool check rules does
                       java -jar sightline.jar check-rules --logql FILE...
                                                                     the same for LogQL rule files (--rules.logql-files)
                       java -jar sightline.jar test-rules FILE...    run rule unit tests as promtool test rules does
                       java -jar sightline.jar print-builtin-rules   the built-in RED alert rules as a rule file, to copy and edit
                       java -jar sightline.jar healthcheck [options]  exit 0 if the appliance on this machine is ready
                       java -jar sightline.jar help | version

                Each option is also an environment variable and a key of the --config YAML file
                (nested or dotted: 'logs: {retention-age: 3d}' or 'logs.retention-age: 3d').
                Precedence: flag, then environment, then config file, then default.
                Sizes take B, KiB, MiB, GiB (or KB, MB, GB); durations take ms, s, m, h, d, w.

                Options:
                """);
        for (Setting setting : Settings.ALL) {
            text.append("  ").append(setting.flag()).append(" <").append(placeholder(setting.type())).append(">\n");
            text.append("      ").append(setting.description()).append('\n');
            text.append("      env ").append(setting.environmentVariable());
            text.append(", default ").append(setting.defaultValue().isEmpty() ? "(none)" : setting.defaultValue()).append('\n');
        }
        text.append("""

                Endpoints: http://BIND:HTTP_PORT/ (UI), /api/v1/logs/search, the Prometheus API under /api/v1
                (query, query_range, series, labels, ...), remote_write POST /api/v1/write, Loki's API under /loki/api/v1
                (push, query, query_range, labels, series, index/stats, tail), /metrics, /-/healthy, /-/ready;
                OTLP/gRPC on OTLP_GRPC_PORT, OTLP/HTTP POST /v1/{traces,metrics,logs} on OTLP_HTTP_PORT.
                """);
        return text.toString();
    }

    private static String placeholder(SettingType type) {
        return switch (type) {
            case PATH, OPTIONAL_PATH -> "path";
            case HOST -> "address";
            case OPTIONAL_URL -> "url";
            case PORT -> "port";
            case POSITIVE_INT -> "n";
            case BYTES -> "size";
            case DURATION -> "duration";
            case SYNC_POLICY -> "none|periodic|batch";
            case NAMES -> "a,b,...";
            case NUMBERS -> "x,y,...";
            case BOOLEAN -> "true|false";
            case INTEGER -> "n";
        };
    }
}
