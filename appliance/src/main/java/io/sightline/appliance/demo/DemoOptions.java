package io.sightline.appliance.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.sightline.appliance.ConfigException;
import io.sightline.ui.LoadControl.LoadLimits;

/**
 * The demo's own flags, taken out of the command line; everything else is a {@code serve} option and
 * goes to the appliance unchanged.
 *
 * @param serveArgs      the remaining arguments, for the appliance
 * @param incident       whether to run {@link IncidentSchedule}
 * @param frontendPort   the sample services' ports (0: the system chooses)
 * @param loadUsers      virtual users of the steady load
 * @param loadRate       requests a second over all users
 * @param pageLimits     the bounds of runs started from the UI's load page
 */
record DemoOptions(List<String> serveArgs, boolean incident, int frontendPort, int ordersPort, int inventoryPort,
                   int loadUsers, double loadRate, LoadLimits pageLimits) {
    static final String HELP = """
            Demo options (every serve option works too, e.g. --data-dir, --http-port, --bind):
              --incident              inject a fault schedule: inventory's database 1.5 s slower from minute 3 to 10,
                                      orders failing a quarter of its requests from minute 15 to 22, every 30 minutes
                                      (the built-in RED alerts fire and resolve)
              --frontend-port <port>  the sample frontend (default 8081; 0: any free port)
              --orders-port <port>    the sample orders service (default 8082)
              --inventory-port <port> the sample inventory service (default 8083)
              --load-users <n>        virtual users of the steady load (default 10)
              --load-rate <n>         requests a second over all users (default 25)
              --load-page-max-users <n>    users a run started from the UI's load page may have (default 1000)
              --load-page-max-rate <n>     requests/s such a run may aim at (default 10000)
              --load-page-max-duration <s> seconds such a run may last (default 3600)
            """;

    static DemoOptions parse(List<String> args) {
        List<String> serve = new ArrayList<>();
        boolean incident = false;
        int frontend = 8081;
        int orders = 8082;
        int inventory = 8083;
        int users = 10;
        double rate = 25;
        LoadLimits limits = LoadLimits.DEFAULTS;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            switch (name) {
                case "--incident" -> incident = true;
                case "--frontend-port", "--orders-port", "--inventory-port", "--load-users", "--load-rate",
                     "--load-page-max-users", "--load-page-max-rate", "--load-page-max-duration" -> {
                    String value;
                    if (arg.contains("=")) {
                        value = arg.substring(arg.indexOf('=') + 1);
                    } else if (i + 1 < args.size()) {
                        value = args.get(++i);
                    } else {
                        throw new ConfigException(name + " needs a value");
                    }
                    switch (name) {
                        case "--frontend-port" -> frontend = whole(name, value, 0, 65_535);
                        case "--orders-port" -> orders = whole(name, value, 0, 65_535);
                        case "--inventory-port" -> inventory = whole(name, value, 0, 65_535);
                        case "--load-users" -> users = whole(name, value, 1, 10_000);
                        case "--load-page-max-users" -> limits = new LoadLimits(whole(name, value, 1, 100_000),
                                limits.maxSpawnRate(), limits.maxTargetRate(), limits.maxDuration(), limits.keptRuns());
                        case "--load-page-max-rate" -> limits = new LoadLimits(limits.maxUsers(), limits.maxSpawnRate(),
                                number(name, value, 0.1, 1_000_000), limits.maxDuration(), limits.keptRuns());
                        case "--load-page-max-duration" -> limits = new LoadLimits(limits.maxUsers(), limits.maxSpawnRate(),
                                limits.maxTargetRate(), Duration.ofSeconds(whole(name, value, 1, 86_400)), limits.keptRuns());
                        default -> rate = number(name, value, 0.1, 100_000);
                    }
                }
                default -> serve.add(arg);
            }
        }
        return new DemoOptions(List.copyOf(serve), incident, frontend, orders, inventory, users, rate, limits);
    }

    private static int whole(String flag, String value, int min, int max) {
        int number;
        try {
            number = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(flag + " takes a whole number, got '" + value + "'");
        }
        if (number < min || number > max) {
            throw new ConfigException(flag + " must be between " + min + " and " + max + ", got " + value);
        }
        return number;
    }

    private static double number(String flag, String value, double min, double max) {
        double number;
        try {
            number = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(flag + " takes a number, got '" + value + "'");
        }
        if (number < min || number > max) {
            throw new ConfigException(flag + " must be between " + min + " and " + max + ", got " + value);
        }
        return number;
    }
}
