package io.sightline.appliance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.logging.LogManager;

/**
 * Sets up java.util.logging (which Helidon, gRPC, Lucene and, through SLF4J, Chronicle all write
 * to) from {@code sightline-logging.properties}: one line per event on stderr, and the libraries'
 * start-up chatter turned down. A user's own {@code -Djava.util.logging.config.file} wins.
 */
final class Logging {
    private Logging() {
    }

    static void configure() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        try (InputStream in = Logging.class.getResourceAsStream("/sightline-logging.properties")) {
            if (in != null) {
                LogManager.getLogManager().readConfiguration(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
