package io.sightline.sample.services;

/** A request the service cannot take (bad JSON, a bad field): answered 400 with the message. */
final class BadRequestException extends RuntimeException {
    BadRequestException(String message) {
        super(message);
    }
}
