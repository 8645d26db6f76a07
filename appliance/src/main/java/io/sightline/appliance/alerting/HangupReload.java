package io.sightline.appliance.alerting;

import java.util.logging.Logger;

import sun.misc.Signal;

/**
 * SIGHUP reloads the rule files, as it makes Prometheus reload its configuration. Where the JVM
 * offers no such signal (Windows), reloading is left to {@code POST /-/reload}.
 */
public final class HangupReload {
    private static final Logger LOG = Logger.getLogger(HangupReload.class.getName());

    private HangupReload() {
    }

    public static void install(Runnable rules) {
        try {
            Signal.handle(new Signal("HUP"), signal -> {
                try {
                    rules.run();
                } catch (RuntimeException e) {
                    LOG.warning(e.getMessage());
                }
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LOG.fine(() -> "no SIGHUP here (" + e.getMessage() + "); POST /-/reload reloads the rules");
        }
    }
}
