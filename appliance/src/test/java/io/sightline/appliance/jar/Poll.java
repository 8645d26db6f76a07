package io.sightline.appliance.jar;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Waits for a condition by polling it, failing with a description once a deadline passes. */
final class Poll {
    private Poll() {
    }

    /** A condition that may throw (HTTP calls do). */
    @FunctionalInterface
    interface Condition {
        boolean test() throws Exception;
    }

    /**
     * Checks {@code condition} every {@code interval} until it holds.
     *
     * @throws AssertionError naming {@code what} when {@code timeout} passes first
     */
    static void until(String what, Duration timeout, Duration interval, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting until " + what);
            }
            LockSupport.parkNanos(interval.toNanos());
        }
    }
}
