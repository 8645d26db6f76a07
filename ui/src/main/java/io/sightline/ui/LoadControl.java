package io.sightline.ui;

/**
 * Starts, stops and watches HTTP load runs against a target (the demo's sample services, or a
 * configured one), as the load page uses them; supplied by the appliance, which knows the load
 * generator. Implementations are thread-safe.
 */
public interface LoadControl {
    /** Where the load goes, for the page's heading. */
    String target();
}
