package io.sightline.sample.services;

/**
 * A call to the next service failed: it answered 5xx, could not be reached, or the call was
 * failed on purpose. The calling service answers 500 in turn.
 */
final class DependencyException extends RuntimeException {
    DependencyException(String message, Throwable cause) {
        super(message, cause);
    }
}
