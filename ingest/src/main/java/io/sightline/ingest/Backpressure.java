package io.sightline.ingest;

import java.util.Optional;

/**
 * Decides, before a request is written, whether the appliance can take more of a signal. The
 * appliance implements it from WAL consumer lags and free disk space. Called on every request from
 * many threads: must be thread-safe and cheap (read cached figures, do no I/O).
 */
@FunctionalInterface
public interface Backpressure {
    /** Empty when the signal can be written now; otherwise why not. */
    Optional<Overload> check(Signal signal);

    /** Never refuses. */
    static Backpressure none() {
        return signal -> Optional.empty();
    }
}
