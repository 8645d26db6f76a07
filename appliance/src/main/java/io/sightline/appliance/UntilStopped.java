package io.sightline.appliance;

import java.util.concurrent.CountDownLatch;

/**
 * Keeps a started server (the appliance, the demo) running until the JVM is asked to stop (SIGTERM,
 * Ctrl-C), then closes it from the shutdown hook and exits 0: that is a server's normal end, not the
 * JVM's 128 + signal.
 */
public final class UntilStopped {
    private UntilStopped() {
    }

    /** Blocks until the shutdown hook has closed {@code running}; returns the exit code, 0. */
    public static int await(AutoCloseable running, String hookThreadName) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name(hookThreadName).unstarted(() -> {
            try {
                running.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
            stopped.countDown();
            Runtime.getRuntime().halt(0);
        }));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
