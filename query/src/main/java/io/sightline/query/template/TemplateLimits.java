package io.sightline.query.template;

/**
 * Bounds that keep a user's template from running away with the CPU, memory or stack of the
 * process. Each is checked while parsing or executing and fails with a {@link TemplateException}.
 *
 * @param maxTextLength  the longest template text in chars (default 65,536: label and line templates
 *                       are a line or two; alert annotations a few paragraphs)
 * @param maxSteps       the most evaluation steps one execution may take, a step being one node
 *                       walked or one command evaluated, so {@code range} loops count each
 *                       iteration (default 1,000,000, well under a second)
 * @param maxOutputChars the most chars one execution may write (default 1,048,576)
 * @param maxDepth       the deepest nesting of {@code {{template}}} calls (default 1,000; Go allows
 *                       100,000 on its growable stacks, a Java thread stack is not)
 */
public record TemplateLimits(int maxTextLength, long maxSteps, long maxOutputChars, int maxDepth) {
    public static final int DEFAULT_MAX_TEXT_LENGTH = 64 * 1024;
    public static final long DEFAULT_MAX_STEPS = 1_000_000;
    public static final long DEFAULT_MAX_OUTPUT_CHARS = 1024 * 1024;
    public static final int DEFAULT_MAX_DEPTH = 1_000;

    public TemplateLimits {
        requirePositive("maxTextLength", maxTextLength);
        requirePositive("maxSteps", maxSteps);
        requirePositive("maxOutputChars", maxOutputChars);
        requirePositive("maxDepth", maxDepth);
    }

    public static TemplateLimits defaults() {
        return new TemplateLimits(DEFAULT_MAX_TEXT_LENGTH, DEFAULT_MAX_STEPS, DEFAULT_MAX_OUTPUT_CHARS,
                DEFAULT_MAX_DEPTH);
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
