package io.sightline.query.rules;

import java.util.LinkedHashMap;
import java.util.Map;

import io.sightline.query.template.GoTemplate;
import io.sightline.query.template.MissingKey;
import io.sightline.query.template.PrometheusTemplateFunctions;
import io.sightline.query.template.TemplateException;
import io.sightline.query.template.TemplateFunctions;
import io.sightline.query.template.TemplateLimits;
import io.sightline.query.template.TemplateQueryFunction;
import io.sightline.storage.tsdb.Labels;

/**
 * The templates of an alerting rule's labels and annotations, as Prometheus's rule engine runs them:
 * each text is prefixed with the definitions of {@code $labels}, {@code $externalLabels},
 * {@code $externalURL} and {@code $value} (so columns in line 1 of an error count them too, as in
 * Prometheus), named {@code __alert_<name>}, executed with {@code missingkey=zero} over the alert's
 * data. Expansion never fails: an error becomes the text {@code <error expanding template: ...>}.
 * Thread-safe (parsed templates are immutable).
 */
final class AlertTemplates {
    static final String DEFINITIONS = "{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}"
            + "{{$externalURL := .ExternalURL}}{{$value := .Value}}";

    private AlertTemplates() {
    }

    /** The template's name for alert {@code alert}. */
    static String name(String alert) {
        return "__alert_" + alert;
    }

    /**
     * Parses {@code text} as Prometheus's {@code ParseTest} does.
     *
     * @throws TemplateException with Go's parse message
     */
    static GoTemplate parse(String alert, String text, String externalUrl) {
        return GoTemplate.parse(name(alert), DEFINITIONS + text, functions(externalUrl), TemplateLimits.defaults(),
                MissingKey.EMPTY_STRING);
    }

    static TemplateFunctions functions(String externalUrl) {
        return PrometheusTemplateFunctions.create(TemplateQueryFunction.none(), externalUrl);
    }

    /** The data of one alert: {@code .Labels}, {@code .ExternalLabels}, {@code .ExternalURL}, {@code .Value}. */
    static Map<String, Object> data(Labels labels, Labels externalLabels, String externalUrl, double value) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("Labels", asMap(labels));
        data.put("ExternalLabels", asMap(externalLabels));
        data.put("ExternalURL", externalUrl);
        data.put("Value", value);
        return data;
    }

    private static Map<String, Object> asMap(Labels labels) {
        Map<String, Object> map = new LinkedHashMap<>();
        labels.forEach(map::put);
        return map;
    }

    /**
     * Runs a parsed template (or reports the parse error it had), never failing: Prometheus logs the
     * error and uses {@code <error expanding template: error executing template NAME: ...>} instead.
     */
    static String expand(Parsed template, Map<String, Object> data, TemplateQueryFunction query) {
        if (template.parseError() != null) {
            return "<error expanding template: error parsing template " + template.name() + ": "
                    + template.parseError() + ">";
        }
        try {
            return template.template().execute(data, PrometheusTemplateFunctions.forQuery(query));
        } catch (RuntimeException e) { // TemplateException, or a function's own failure (a query that fails)
            return "<error expanding template: error executing template " + template.name() + ": "
                    + e.getMessage() + ">";
        }
    }

    /** A template parsed once for a rule: the template, or the parse error to expand into. */
    record Parsed(String name, GoTemplate template, String parseError) {
        static Parsed of(String alert, String text, String externalUrl) {
            try {
                return new Parsed(AlertTemplates.name(alert), parse(alert, text, externalUrl), null);
            } catch (TemplateException e) {
                return new Parsed(AlertTemplates.name(alert), null, e.getMessage());
            }
        }
    }
}
