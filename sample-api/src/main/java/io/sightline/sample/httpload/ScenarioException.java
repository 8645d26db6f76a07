package io.sightline.sample.httpload;

/**
 * A scenario file that cannot be used; the message names the file, the line and the field, as in
 * {@code shop.yaml:7: endpoints[1].weight must be a whole number: often}.
 */
public final class ScenarioException extends IllegalArgumentException {

    ScenarioException(String message) {
        super(message);
    }

    ScenarioException(String message, Throwable cause) {
        super(message, cause);
    }
}
