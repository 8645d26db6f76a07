package io.sightline.query.alerting;

import java.util.List;

/**
 * Where the rule engine sends the alerts each evaluation has to send (firing ones every resend delay,
 * resolved ones for a while after they resolve). Implementations queue and deliver on their own
 * threads: {@link #send} must not block the evaluation on a slow receiver.
 */
@FunctionalInterface
public interface AlertNotifier {
    /** Hands over {@code alerts} for delivery; never blocks on the network. */
    void send(List<PostableAlert> alerts);

    /** Sends nowhere. */
    AlertNotifier NONE = alerts -> { };
}
