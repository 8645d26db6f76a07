package io.sightline.query.api.loki;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Live records for tail tests: {@link #publish} calls every subscriber on the calling thread, as the
 * store's applier would.
 */
final class TestTailSource implements LogTailSource {
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    @Override
    public Subscription subscribe(Listener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void publish(TailRecord record) {
        for (Listener listener : listeners) {
            listener.onRecord(record);
        }
    }

    int subscribers() {
        return listeners.size();
    }
}
