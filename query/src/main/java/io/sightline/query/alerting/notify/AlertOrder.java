package io.sightline.query.alerting.notify;

import java.util.Comparator;
import java.util.TreeSet;

import io.sightline.storage.tsdb.Labels;

/**
 * The order of alerts in a notification, Alertmanager's {@code types.AlertSlice}: by {@code job}, then
 * {@code instance} (an alert having the label before one without it), then prometheus/common's
 * {@code LabelSet.Before}: fewer labels first; equal counts compare the first differing pair over the
 * sorted union of names, an alert lacking the name first, else by value.
 */
final class AlertOrder implements Comparator<Labels> {
    static final AlertOrder INSTANCE = new AlertOrder();

    private AlertOrder() {
    }

    @Override
    public int compare(Labels a, Labels b) {
        for (String key : new String[] {"job", "instance"}) {
            boolean inA = a.has(key);
            boolean inB = b.has(key);
            if (!inA && !inB) {
                continue;
            }
            if (!inA) {
                return 1;
            }
            if (!inB) {
                return -1;
            }
            int c = a.get(key).compareTo(b.get(key));
            if (c != 0) {
                return c;
            }
        }
        return before(a, b);
    }

    private static int before(Labels a, Labels b) {
        if (a.size() != b.size()) {
            return Integer.compare(a.size(), b.size());
        }
        TreeSet<String> names = new TreeSet<>(a.names());
        names.addAll(b.names());
        for (String name : names) {
            if (!a.has(name)) {
                return -1;
            }
            if (!b.has(name)) {
                return 1;
            }
            int c = a.get(name).compareTo(b.get(name));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
