package io.sightline.sample.services;

/**
 * A failure made on purpose by the fault settings (an error rate, a failing dependency). Its
 * class name is what {@code exception.type} shows, so an injected incident is recognisable as
 * such in the telemetry.
 */
final class InjectedFaultException extends RuntimeException {
    InjectedFaultException(String message) {
        super(message);
    }
}
