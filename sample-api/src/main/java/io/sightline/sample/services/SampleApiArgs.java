package io.sightline.sample.services;

import java.util.List;

/**
 * The {@code sample-api} command line, read into a {@link SampleServicesConfig}: {@code --flag value}
 * or {@code --flag=value}. Every error is an {@link IllegalArgumentException} naming the flag.
 * Stateless.
 */
final class SampleApiArgs {
    static final String USAGE = """
            Usage: sample-api [flags]
              Runs three instrumented sample services, frontend -> orders -> inventory, exporting
              OTLP/HTTP protobuf traces, metrics and logs; Ctrl-C or SIGTERM stops them.

              --otlp-endpoint URL       OTLP/HTTP base URL (default http://127.0.0.1:4318)
              --bind HOST               address the services listen on (default 127.0.0.1)
              --frontend-port N         frontend's port (default 8081; 0 = any free port)
              --orders-port N           orders' port (default 8082)
              --inventory-port N        inventory's port (default 8083)
              --export-interval D       metric export interval and span/log batch delay (default 5s)
              --fault SERVICE.FIELD=V   a starting fault, repeatable; SERVICE is frontend, orders or
                                        inventory; FIELD is error-rate (0..1), latency (e.g. 300ms),
                                        dependency-latency or dependency-error-rate (0..1)
              --help                    this text

              Each service also takes GET/PUT /admin/faults at runtime, e.g.
              curl -X PUT localhost:8083/admin/faults -d '{"errorRate":0.2,"addedLatency":"300ms"}'
            """;

    /** The parsed command: the configuration, or a request for help. */
    record Parsed(SampleServicesConfig config, boolean help) {}

    private SampleApiArgs() {}

    static Parsed parse(List<String> args) {
        SampleServicesConfig config = SampleServicesConfig.defaults(SampleServicesConfig.DEFAULT_OTLP_ENDPOINT);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                return new Parsed(config, true);
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'; flags start with --");
            }
            String name = arg;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new IllegalArgumentException(name + " needs a value");
            }
            config = apply(config, name, value);
        }
        return new Parsed(config, false);
    }

    private static SampleServicesConfig apply(SampleServicesConfig c, String flag, String value) {
        try {
            return switch (flag) {
                case "--otlp-endpoint" -> new SampleServicesConfig(value, c.bindHost(), c.frontendPort(),
                        c.ordersPort(), c.inventoryPort(), c.exportInterval(), c.faults());
                case "--bind" -> c.withBindHost(value);
                case "--frontend-port" -> c.withPorts(port(value), c.ordersPort(), c.inventoryPort());
                case "--orders-port" -> c.withPorts(c.frontendPort(), port(value), c.inventoryPort());
                case "--inventory-port" -> c.withPorts(c.frontendPort(), c.ordersPort(), port(value));
                case "--export-interval" -> c.withExportInterval(DurationText.parse("value", value));
                case "--fault" -> fault(c, value);
                default -> throw new IllegalArgumentException("unknown flag; see --help");
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + ": " + e.getMessage(), e);
        }
    }

    /** {@code SERVICE.FIELD=VALUE}, on top of the service's faults so far. */
    private static SampleServicesConfig fault(SampleServicesConfig c, String spec) {
        int dot = spec.indexOf('.');
        int eq = spec.indexOf('=');
        if (dot < 1 || eq < dot + 2) {
            throw new IllegalArgumentException("expected SERVICE.FIELD=VALUE like inventory.error-rate=0.2, not '" + spec + "'");
        }
        String service = spec.substring(0, dot);
        String field = spec.substring(dot + 1, eq);
        String value = spec.substring(eq + 1);
        FaultSettings current = c.faultsOf(service);
        FaultSettings updated = switch (field) {
            case "error-rate" -> current.withErrorRate(rate(field, value));
            case "latency" -> current.withAddedLatency(DurationText.parse(field, value));
            case "dependency-latency" -> current.withDependencyLatency(DurationText.parse(field, value));
            case "dependency-error-rate" -> current.withDependencyErrorRate(rate(field, value));
            default -> throw new IllegalArgumentException("unknown field '" + field
                    + "'; the fields are error-rate, latency, dependency-latency, dependency-error-rate");
        };
        return c.withFaults(service, updated);
    }

    private static double rate(String field, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a number between 0 and 1, not '" + value + "'");
        }
    }

    private static int port(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port number: '" + value + "'");
        }
    }
}
