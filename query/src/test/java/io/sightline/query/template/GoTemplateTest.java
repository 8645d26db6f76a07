package io.sightline.query.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The Java-facing contract of {@link GoTemplate}; the language itself is covered by {@link TemplateGoldenTest}. */
class GoTemplateTest {

    @Test
    void parsedTemplateRunsOnManyThreadsWithPerExecutionFunctions() throws Exception {
        GoTemplate t = GoTemplate.parse("line", "{{ __line__ | upper }} {{ .n }}",
                LokiTemplateFunctions.create(InstantSource.fixed(Instant.EPOCH)));
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                results.add(pool.submit(() -> t.execute(Map.of("n", n), LokiTemplateFunctions.forLine("l" + n, 0))));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo("L" + i + " " + i);
            }
        }
    }

    @Test
    void parseAndExecutionErrorsAreTold() {
        assertThatThrownBy(() -> GoTemplate.parse("t", "{{", TemplateFunctions.builtins()))
                .isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.isParseError()).isTrue());
        GoTemplate t = GoTemplate.parse("t", "{{ .a.b }}", TemplateFunctions.builtins());
        assertThatThrownBy(() -> t.execute(Map.of("a", 1)))
                .isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.isParseError()).isFalse());
    }

    @Test
    void callerFunctionsAreTypeCheckedAndCallable() {
        TemplateFunction greet = TemplateFunction.of("greet", a -> "hi " + a.get(0) + " x" + a.get(1),
                ArgType.STRING, ArgType.INT);
        TemplateFunctions fns = TemplateFunctions.builtins().with(List.of(greet));
        assertThat(GoTemplate.parse("t", "{{ greet \"bob\" 2 }}", fns).execute(null)).isEqualTo("hi bob x2");
        assertThat(GoTemplate.parse("t", "{{ 3 | greet \"al\" }}", fns).execute(null)).isEqualTo("hi al x3");
        assertThat(GoTemplate.parse("t", "{{ call .f \"x\" 1 }}", fns).execute(Map.of("f", greet)))
                .isEqualTo("hi x x1");
        assertThatThrownBy(() -> GoTemplate.parse("t", "{{ greet 1 2 }}", fns).execute(null))
                .hasMessage("template: t:1:9: executing \"t\" at <1>: expected string; found 1");
    }

    @Test
    void definedTemplatesAreListed() {
        GoTemplate t = GoTemplate.parse("main", "{{define \"a\"}}x{{end}}{{template \"a\"}}", TemplateFunctions.builtins());
        assertThat(t.templateNames()).containsExactlyInAnyOrder("main", "a");
        assertThat(t.execute(null)).isEqualTo("x");
    }
}
