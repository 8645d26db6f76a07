package io.sightline.query.rules.slo;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.sightline.query.promql.parser.GoStrings;

/**
 * How an SLO counts its events: the error ratio over one window as a PromQL expression. Immutable.
 */
public sealed interface SloEvents {
    /** The placeholder a PromQL pair writes where the window goes, as Sloth's {@code {{.window}}}. */
    Pattern WINDOW = Pattern.compile("\\{\\{\\s*\\.window\\s*}}");

    /** The error ratio (0 … 1) of {@code service} over {@code window} (a Prometheus duration such as {@code 5m}). */
    String errorRatio(String service, String window);

    /**
     * Sightline's span metrics: errors are the service's SERVER spans with status {@code STATUS_CODE_ERROR},
     * the total is all its SERVER spans (every span name and job summed). No error series yet counts as 0.
     */
    record SpanMetrics() implements SloEvents {
        static final String CALLS = "traces_span_metrics_calls_total";

        @Override
        public String errorRatio(String service, String window) {
            String server = "service_name=" + GoStrings.quote(service) + ", span_kind=\"SPAN_KIND_SERVER\"";
            return "(\n  sum(rate(" + CALLS + "{" + server + ", status_code=\"STATUS_CODE_ERROR\"}[" + window + "]))\n"
                    + "  or vector(0)\n)\n/\nsum(rate(" + CALLS + "{" + server + "}[" + window + "]))";
        }
    }

    /** Any PromQL pair: bad events and all events, each holding {@link #WINDOW}; ratio = errors / total. */
    record ErrorsAndTotal(String errors, String total) implements SloEvents {
        public ErrorsAndTotal {
            Objects.requireNonNull(errors, "errors");
            Objects.requireNonNull(total, "total");
        }

        @Override
        public String errorRatio(String service, String window) {
            return "(" + withWindow(errors, window) + ")\n/\n(" + withWindow(total, window) + ")";
        }
    }

    /** Any PromQL pair: good events and all events, each holding {@link #WINDOW}; ratio = 1 − good / total. */
    record GoodAndTotal(String good, String total) implements SloEvents {
        public GoodAndTotal {
            Objects.requireNonNull(good, "good");
            Objects.requireNonNull(total, "total");
        }

        @Override
        public String errorRatio(String service, String window) {
            return "1 - (\n  (" + withWindow(good, window) + ")\n  /\n  (" + withWindow(total, window) + ")\n)";
        }
    }

    /** {@code template} with every {@link #WINDOW} replaced by {@code window}. */
    static String withWindow(String template, String window) {
        return WINDOW.matcher(template).replaceAll(Matcher.quoteReplacement(window));
    }
}
