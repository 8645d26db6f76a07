package io.sightline.appliance;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.sightline.appliance.demo.Demo;
import io.sightline.query.rules.LogqlRuleLanguage;
import io.sightline.query.rules.RuleFiles;
import io.sightline.query.rules.RuleSyntax;
import io.sightline.query.rules.RuleTests;
import io.sightline.query.rules.builtin.BuiltinRules;
import io.sightline.query.rules.builtin.BuiltinRulesConfig;
import io.sightline.sample.httpload.HttpLoadMain;
import io.sightline.sample.services.SampleApiMain;

/**
 * {@code java -jar sightline.jar [serve|demo|sample-api|load|check-rules|test-rules|print-builtin-rules|healthcheck|help|version] [options]}. Exit
 * codes: 0 after a clean stop, 2 for a bad option or configuration, 1 when start-up (or a health check) fails.
 */
public final class Main {
    private static final String CHECK_RULES_USAGE = "usage: check-rules [--logql] FILE...  (--logql: every FILE holds"
            + " LogQL metric queries, as --rules.logql-files)";

    private Main() {
    }

    public static void main(String[] args) {
        // Chronicle may announce itself on stdout at start; nothing of it is for the user.
        if (System.getProperty("chronicle.announcer.disable") == null) {
            System.setProperty("chronicle.announcer.disable", "true");
        }
        Logging.configure();
        System.exit(run(Arrays.asList(args), System.getenv(), System.out, System.err));
    }

    static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
        List<String> rest = args;
        String command = "serve";
        if (!args.isEmpty() && !args.getFirst().startsWith("-")) {
            command = args.getFirst();
            rest = args.subList(1, args.size());
        }
        switch (command) {
            // the sample services and the load generator parse their own flags (and --help)
            case "sample-api" -> {
                return SampleApiMain.run(rest, out, err);
            }
            case "load" -> {
                return HttpLoadMain.run(rest, out, err);
            }
            case "check-rules" -> {
                return checkRules(rest, out, err);
            }
            case "test-rules" -> {
                return RuleTests.testMain(rest, out, err);
            }
            case "print-builtin-rules" -> {
                out.print(BuiltinRules.asYaml(BuiltinRulesConfig.defaults()));
                return 0;
            }
            default -> {
            }
        }
        if (rest.contains("--help") || rest.contains("-h") || command.equals("help")) {
            out.print(Help.text());
            if (command.equals("demo")) {
                out.print(Demo.optionsHelp());
            }
            return 0;
        }
        if (command.equals("demo")) {
            return Demo.run(rest, environment, out, err);
        }
        if (rest.contains("--version") || command.equals("version")) {
            out.println("sightline " + Version.current());
            return 0;
        }
        if (!command.equals("serve") && !command.equals("healthcheck")) {
            err.println("unknown command '" + command + "'; commands: serve (the default), demo, sample-api, load, check-rules, test-rules, print-builtin-rules, healthcheck, help, version");
            return 2;
        }
        ApplianceConfig config;
        try {
            config = ApplianceConfig.resolve(rest, environment);
        } catch (ConfigException e) {
            err.println("sightline: " + e.getMessage());
            return 2;
        }
        return command.equals("healthcheck") ? HealthCheck.run(config, out, err) : serve(config, err);
    }

    /**
     * {@code check-rules [--logql] FILE...}: Prometheus rule files, or with {@code --logql} Loki ruler
     * files whose expressions are LogQL metric queries, checked as {@code rules.logql-files} are read.
     * Exit 0 / 1 as promtool; 2 for an unknown option.
     */
    private static int checkRules(List<String> args, PrintStream out, PrintStream err) {
        RuleSyntax language = RuleSyntax.PROMQL;
        List<String> files = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--logql")) {
                language = LogqlRuleLanguage.SYNTAX;
            } else if (arg.equals("--help") || arg.equals("-h")) {
                out.println(CHECK_RULES_USAGE);
                return 0;
            } else if (arg.startsWith("-")) {
                err.println("check-rules: unknown option '" + arg + "'; " + CHECK_RULES_USAGE);
                return 2;
            } else {
                files.add(arg);
            }
        }
        return RuleFiles.checkMain(files, language, out, err);
    }

    private static int serve(ApplianceConfig config, PrintStream err) {
        Appliance appliance;
        try {
            appliance = Appliance.start(config);
        } catch (ConfigException e) {
            err.println("sightline: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("sightline: start-up failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
        return UntilStopped.await(appliance, "sightline-shutdown");
    }
}
