package io.sightline.ui;

import java.util.Locale;
import java.util.Map;

import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders the Thymeleaf templates under {@code templates/} in HTML mode, which escapes every
 * {@code th:text}. One engine for the process, created on first use: Thymeleaf takes a few hundred
 * milliseconds to load, which start-up need not wait for.
 */
final class Pages {
    private Pages() {
    }

    static String render(String template, Map<String, Object> variables) {
        return Engine.INSTANCE.process(template, new Context(Locale.ROOT, variables));
    }

    /** Loads the engine and parses {@code template} now rather than on the first request. */
    static void warmUp(String template, Map<String, Object> variables) {
        render(template, variables);
    }

    private static final class Engine {
        private static final TemplateEngine INSTANCE = create();

        private static TemplateEngine create() {
            TemplateEngine engine = new TemplateEngine();
            ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(Pages.class.getClassLoader());
            resolver.setPrefix("templates/");
            resolver.setSuffix(".html");
            resolver.setTemplateMode(TemplateMode.HTML);
            resolver.setCharacterEncoding("UTF-8");
            resolver.setCacheable(true);
            engine.setTemplateResolver(resolver);
            return engine;
        }
    }
}
