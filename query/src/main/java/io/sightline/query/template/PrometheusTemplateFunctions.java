package io.sightline.query.template;

import static io.sightline.query.template.ArgType.ANY;
import static io.sightline.query.template.ArgType.STRING;

import com.google.re2j.Pattern;
import io.sightline.query.promql.parser.Durations;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The functions of Prometheus's alerting and recording rule templates, as its "Template reference"
 * lists them: {@code query first label value strvalue sortByLabel args reReplaceAll safeHtml match
 * title toUpper toLower graphLink tableLink stripPort stripDomain humanize humanize1024
 * humanizeDuration humanizePercentage humanizeTimestamp toTime parseDuration pathPrefix
 * externalURL}. Samples are maps with {@code Labels} and {@code Value}. Regular expressions are RE2
 * (RE2J), unanchored as in Go's {@code regexp.MatchString}. The data Prometheus gives alert templates
 * ({@code $labels}, {@code $value}, {@code $externalLabels}) is the rule engine's to supply.
 */
public final class PrometheusTemplateFunctions {
    private PrometheusTemplateFunctions() {
    }

    /**
     * @param query       answers {@code query "expr"} at the rule's evaluation time
     * @param externalUrl Prometheus's {@code --web.external-url}, for {@code externalURL} and {@code pathPrefix}
     */
    public static TemplateFunctions create(TemplateQueryFunction query, String externalUrl) {
        URI url = URI.create(externalUrl);
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        List<TemplateFunction> f = new ArrayList<>();
        f.addAll(forQuery(query).all());
        f.add(TemplateFunction.of("first", a -> first(a.get(0)), ANY));
        f.add(TemplateFunction.of("label", a -> label((String) a.get(0), a.get(1)), STRING, ANY));
        f.add(TemplateFunction.of("value", a -> sample(a.get(0)).get("Value"), ANY));
        f.add(TemplateFunction.of("strvalue", a -> label("__value__", a.get(0)), ANY));
        f.add(TemplateFunction.of("sortByLabel", a -> sortByLabel((String) a.get(0), a.get(1)), STRING, ANY));
        f.add(TemplateFunction.variadic("args", PrometheusTemplateFunctions::args, ANY));
        f.add(TemplateFunction.of("reReplaceAll", a -> GoText.replaceAll(regex(a.get(0)), (String) a.get(2),
                (String) a.get(1), false), STRING, STRING, STRING));
        f.add(TemplateFunction.of("safeHtml", a -> a.get(0), STRING));
        f.add(TemplateFunction.of("match", a -> regex(a.get(0)).matcher((String) a.get(1)).find(), STRING, STRING));
        f.add(TemplateFunction.of("title", a -> GoText.title((String) a.get(0)), STRING));
        f.add(TemplateFunction.of("toUpper", a -> GoText.toUpper((String) a.get(0)), STRING));
        f.add(TemplateFunction.of("toLower", a -> GoText.toLower((String) a.get(0)), STRING));
        f.add(TemplateFunction.of("graphLink", a -> "/graph?g0.expr=" + BuiltinFunctions.queryEscape((String) a.get(0))
                + "&g0.tab=0", STRING));
        f.add(TemplateFunction.of("tableLink", a -> "/graph?g0.expr=" + BuiltinFunctions.queryEscape((String) a.get(0))
                + "&g0.tab=1", STRING));
        f.add(TemplateFunction.of("stripPort", a -> HostPorts.stripPort((String) a.get(0)), STRING));
        f.add(TemplateFunction.of("stripDomain", a -> HostPorts.stripDomain((String) a.get(0)), STRING));
        f.add(TemplateFunction.of("humanize", a -> PrometheusHumanize.humanize(a.get(0)), ANY));
        f.add(TemplateFunction.of("humanize1024", a -> PrometheusHumanize.humanize1024(a.get(0)), ANY));
        f.add(TemplateFunction.of("humanizeDuration", a -> PrometheusHumanize.humanizeDuration(a.get(0)), ANY));
        f.add(TemplateFunction.of("humanizePercentage", a -> PrometheusHumanize.humanizePercentage(a.get(0)), ANY));
        f.add(TemplateFunction.of("humanizeTimestamp", a -> PrometheusHumanize.humanizeTimestamp(a.get(0)), ANY));
        f.add(TemplateFunction.of("toTime", a -> PrometheusHumanize.toTime(PrometheusHumanize.toFloat(a.get(0))), ANY));
        f.add(TemplateFunction.of("parseDuration", a -> Durations.parseMillis((String) a.get(0)) / 1000.0, STRING));
        f.add(TemplateFunction.of("pathPrefix", a -> path));
        f.add(TemplateFunction.of("externalURL", a -> externalUrl));
        return TemplateFunctions.builtins().with(f);
    }

    /** {@code query} bound to one evaluation, for {@link GoTemplate#execute(Object, TemplateFunctions)}. */
    public static TemplateFunctions forQuery(TemplateQueryFunction query) {
        return TemplateFunctions.of(List.of(TemplateFunction.of("query",
                a -> TemplateSample.toTemplateValues(query.query((String) a.get(0))), STRING)));
    }

    private static Pattern regex(Object expr) {
        try {
            return Pattern.compile((String) expr);
        } catch (com.google.re2j.PatternSyntaxException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private static Object first(Object v) {
        if (!(v instanceof List<?> list)) {
            throw new IllegalArgumentException("wrong type for value; expected template.queryResult; got "
                    + GoValues.typeName(v));
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("first() called on vector with no elements");
        }
        return list.getFirst();
    }

    private static Map<?, ?> sample(Object v) {
        if (v instanceof Map<?, ?> m && m.get("Labels") instanceof Map<?, ?>) {
            return m;
        }
        throw new IllegalArgumentException("wrong type for value; expected *template.sample; got " + GoValues.typeName(v));
    }

    private static String label(String name, Object s) {
        Object value = ((Map<?, ?>) sample(s).get("Labels")).get(name);
        return value == null ? "" : value.toString();
    }

    private static List<Object> sortByLabel(String name, Object v) {
        if (!(v instanceof List<?> list)) {
            throw new IllegalArgumentException("wrong type for value; expected template.queryResult; got "
                    + GoValues.typeName(v));
        }
        List<Object> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.comparing((Object s) -> label(name, s), GoComparisons::compareUtf8));
        return sorted;
    }

    private static Map<String, Object> args(List<Object> values) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            m.put("arg" + i, values.get(i));
        }
        return m;
    }
}
