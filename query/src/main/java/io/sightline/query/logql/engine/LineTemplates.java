package io.sightline.query.logql.engine;

import java.util.Map;

/**
 * The Go text/template engine that {@code line_format} and {@code label_format} run. The engine
 * takes one in its constructor: {@link GoLineTemplates} runs Go's text/template with Loki's functions.
 * Implementations are thread-safe.
 */
public interface LineTemplates {
    /**
     * Compiles a template once per query.
     *
     * @throws IllegalArgumentException with a message for the user when the template is invalid
     */
    Template compile(String text);

    /** A compiled template; thread-safe. */
    interface Template {
        /**
         * @param labels    every label of the line at this stage (stream, structured metadata, parsed,
         *                  {@code __error__}), by name
         * @param line      the line as the pipeline has it now ({@code __line__})
         * @param timeNanos the line's time ({@code __timestamp__}), Unix epoch nanoseconds
         * @return the rendered text; a missing label renders as ""
         * @throws ExecutionException when the template fails on this line (Loki then keeps the line
         *                            and sets {@code __error__=TemplateFormatErr})
         */
        String apply(Map<String, String> labels, String line, long timeNanos);
    }

    /** A template that failed while rendering one line; the message is the template engine's. */
    final class ExecutionException extends RuntimeException {
        public ExecutionException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
