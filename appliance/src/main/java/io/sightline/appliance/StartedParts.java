package io.sightline.appliance;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What a start-up has started so far, to be closed in reverse order: a part started later may use an
 * earlier one (an applier its store, the load the services), so it stops first. A part that fails to
 * close is logged and the others still close. Not thread-safe: the owner serializes start and close.
 */
public final class StartedParts {
    private static final Logger LOG = Logger.getLogger(StartedParts.class.getName());

    private final Deque<AutoCloseable> parts = new ArrayDeque<>();

    /** Records {@code part} as started; returns it. */
    public <T extends AutoCloseable> T add(T part) {
        parts.push(part);
        return part;
    }

    /** Closes every part, the last started first, and forgets them. */
    public void closeAll() {
        while (!parts.isEmpty()) {
            AutoCloseable part = parts.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "error while stopping " + part, e);
            }
        }
    }
}
