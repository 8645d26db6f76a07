package io.sightline.sample.httpload;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path or body with placeholders, compiled once and filled for every request. The placeholders:
 *
 * <ul>
 *   <li>{@code {sku}}: a product, {@code SKU-1} .. {@code SKU-100}, uniform (the sample shop's
 *       catalogue);
 *   <li>{@code {int}}: a whole number 1 .. 1,000,000, uniform;
 *   <li>{@code {intAtoB}}: a whole number A .. B inclusive, uniform ({@code {int1to5}});
 *   <li>{@code {uuid}}: a random UUID, version 4 layout;
 *   <li>{@code {orderId}}: an id the run saw in an earlier 2xx answer to a POST (its {@code "id"}
 *       field, see {@link OrderIds}), uniform over the last few; before there is one, a random
 *       {@code ord-} and 16 hex digits, which the target will not know (a 404).
 * </ul>
 *
 * <p>A placeholder is {@code {}, a letter, letters or digits, {@code }}; any other brace is text, so
 * JSON bodies need no escaping. An identifier in braces that is not a placeholder is an error, not
 * text, to catch typos. Immutable and thread-safe; filling uses the caller's random source.
 */
final class RequestTemplate {

    static final int SKU_COUNT = 100;
    static final int INT_MAX = 1_000_000;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");
    private static final Pattern INT_RANGE = Pattern.compile("int(\\d{1,9})to(\\d{1,9})");
    static final String KNOWN = "{sku}, {int}, {intAtoB} (like {int1to5}), {uuid}, {orderId}";

    /** One piece of the template: text or a placeholder. */
    @FunctionalInterface
    private interface Segment {
        void append(StringBuilder out, SplittableRandom random, OrderIds orderIds);
    }

    private final Segment[] segments;
    private final boolean constant;
    private final String text;

    private RequestTemplate(List<Segment> segments, boolean constant, String text) {
        this.segments = segments.toArray(Segment[]::new);
        this.constant = constant;
        this.text = text;
    }

    /** @throws IllegalArgumentException naming an unknown placeholder or an empty range */
    static RequestTemplate compile(String template) {
        List<Segment> segments = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        int last = 0;
        boolean constant = true;
        while (m.find()) {
            if (m.start() > last) {
                String literal = template.substring(last, m.start());
                segments.add((out, random, ids) -> out.append(literal));
            }
            segments.add(placeholder(m.group(1)));
            constant = false;
            last = m.end();
        }
        if (last < template.length()) {
            String literal = template.substring(last);
            segments.add((out, random, ids) -> out.append(literal));
        }
        return new RequestTemplate(segments, constant, template);
    }

    private static Segment placeholder(String name) {
        switch (name) {
            case "sku" -> {
                return (out, random, ids) -> out.append("SKU-").append(1 + random.nextInt(SKU_COUNT));
            }
            case "int" -> {
                return (out, random, ids) -> out.append(1 + random.nextInt(INT_MAX));
            }
            case "uuid" -> {
                return (out, random, ids) -> out.append(new java.util.UUID(
                        (random.nextLong() & ~0xF000L) | 0x4000L,
                        (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L));
            }
            case "orderId" -> {
                return (out, random, ids) -> ids.appendOne(out, random);
            }
            default -> {
                Matcher range = INT_RANGE.matcher(name);
                if (range.matches()) {
                    int low = Integer.parseInt(range.group(1));
                    int high = Integer.parseInt(range.group(2));
                    if (high < low) {
                        throw new IllegalArgumentException("has an empty range {" + name + "}: " + high + " is below " + low);
                    }
                    int span = high - low + 1;
                    return (out, random, ids) -> out.append(low + random.nextInt(span));
                }
                throw new IllegalArgumentException("has an unknown placeholder {" + name + "}; known: " + KNOWN);
            }
        }
    }

    /** Appends the template with every placeholder filled. */
    void fill(StringBuilder out, SplittableRandom random, OrderIds orderIds) {
        if (constant) {
            out.append(text);
            return;
        }
        for (Segment s : segments) {
            s.append(out, random, orderIds);
        }
    }

    /** The template filled once, as a string. */
    String fill(SplittableRandom random, OrderIds orderIds) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        fill(out, random, orderIds);
        return out.toString();
    }

    boolean isEmpty() {
        return text.isEmpty();
    }
}
