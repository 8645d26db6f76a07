package io.sightline.query.api;

/** A query parameter or body the API cannot use; its message names the parameter and the problem. */
public final class BadRequestException extends RuntimeException {
    public BadRequestException(String message) {
        super(message);
    }
}
