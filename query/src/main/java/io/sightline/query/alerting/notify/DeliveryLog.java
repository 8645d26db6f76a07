package io.sightline.query.alerting.notify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The last {@code capacity} delivery attempts of one receiver, oldest first. Guarded by its receiver's lock. */
final class DeliveryLog {
    private final int capacity;
    private final ArrayDeque<DeliveryAttempt> attempts;

    DeliveryLog(int capacity) {
        this.capacity = capacity;
        this.attempts = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    void add(DeliveryAttempt attempt) {
        if (attempts.size() == capacity) {
            attempts.pollFirst();
        }
        attempts.addLast(attempt);
    }

    List<DeliveryAttempt> snapshot() {
        return List.copyOf(new ArrayList<>(attempts));
    }
}
