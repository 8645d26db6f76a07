package io.sightline.sample.services;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link FaultSettings} as the admin endpoint reads and writes them:
 * {@code {"errorRate":0.2,"addedLatency":"300ms","dependencyLatency":"0s","dependencyErrorRate":0}}.
 * A body may name only some fields; the others keep their current values. Stateless.
 */
final class FaultSettingsJson {
    static final String ERROR_RATE = "errorRate";
    static final String ADDED_LATENCY = "addedLatency";
    static final String DEPENDENCY_LATENCY = "dependencyLatency";
    static final String DEPENDENCY_ERROR_RATE = "dependencyErrorRate";

    private FaultSettingsJson() {}

    static String write(FaultSettings faults) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(ERROR_RATE, faults.errorRate());
        out.put(ADDED_LATENCY, DurationText.format(faults.addedLatency()));
        out.put(DEPENDENCY_LATENCY, DurationText.format(faults.dependencyLatency()));
        out.put(DEPENDENCY_ERROR_RATE, faults.dependencyErrorRate());
        return FlatJson.write(out);
    }

    /**
     * The settings {@code body} asks for, starting from {@code current}.
     *
     * @throws BadRequestException naming the field that is unknown, of the wrong type or out of range
     */
    static FaultSettings read(String body, FaultSettings current) {
        FaultSettings result = current;
        for (Map.Entry<String, Object> field : FlatJson.parse(body).entrySet()) {
            String name = field.getKey();
            Object value = field.getValue();
            try {
                result = switch (name) {
                    case ERROR_RATE -> result.withErrorRate(rate(name, value));
                    case ADDED_LATENCY -> result.withAddedLatency(duration(name, value));
                    case DEPENDENCY_LATENCY -> result.withDependencyLatency(duration(name, value));
                    case DEPENDENCY_ERROR_RATE -> result.withDependencyErrorRate(rate(name, value));
                    default -> throw new BadRequestException("unknown field '" + name + "'; the fields are "
                            + ERROR_RATE + ", " + ADDED_LATENCY + ", " + DEPENDENCY_LATENCY + ", " + DEPENDENCY_ERROR_RATE);
                };
            } catch (IllegalArgumentException e) {
                throw new BadRequestException(e.getMessage());
            }
        }
        return result;
    }

    private static double rate(String name, Object value) {
        if (value instanceof BigDecimal number) {
            return number.doubleValue();
        }
        throw new BadRequestException(name + " must be a number between 0 and 1, not " + describe(value));
    }

    /** A string like "300ms", or a number of seconds. */
    private static Duration duration(String name, Object value) {
        if (value instanceof String text) {
            return DurationText.parse(name, text);
        }
        if (value instanceof BigDecimal seconds) {
            return DurationText.parse(name, seconds.toPlainString());
        }
        throw new BadRequestException(name + " must be a duration like \"300ms\" or \"2s\", not " + describe(value));
    }

    private static String describe(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }
}
