package io.sightline.appliance;

/** A configuration problem that stops start-up; the message names the option and what is accepted. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
