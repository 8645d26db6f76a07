package io.sightline.ingest.export;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request body handed to the JDK's HTTP client as one buffer over the caller's array, without
 * copying it. Why: {@link HttpRequest.BodyPublishers#ofByteArray(byte[], int, int)} copies the body
 * into new 16 KiB buffers on every send: a second copy of every megabyte-sized body, made garbage at
 * once, beside an exporter that otherwise allocates next to nothing. (The client's own CPU a request
 * hardly changed: it goes with the bytes written to the socket.) The array must not change until
 * the exchange is over (the transport lends its encoder's buffer to one exchange at a time, and
 * never again to an exchange it cancelled).
 *
 * <p>Each subscription (the client subscribes again when it resends) gets its own read-only view,
 * emitted once, on the first request for it. Thread-safe.
 */
final class WholeBodyPublisher implements HttpRequest.BodyPublisher {
    private final byte[] body;
    private final int length;

    WholeBodyPublisher(byte[] body, int length) {
        if (length < 0 || length > body.length) {
            throw new IllegalArgumentException("length " + length + " outside a body of " + body.length + " bytes");
        }
        this.body = body;
        this.length = length;
    }

    @Override
    public long contentLength() {
        return length;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        subscriber.onSubscribe(new OneBuffer(subscriber, ByteBuffer.wrap(body, 0, length).asReadOnlyBuffer()));
    }

    /** Emits its buffer, then completes, on the first positive request; an error on a non-positive one. */
    private static final class OneBuffer implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final ByteBuffer buffer;
        private final AtomicBoolean done = new AtomicBoolean();

        OneBuffer(Flow.Subscriber<? super ByteBuffer> subscriber, ByteBuffer buffer) {
            this.subscriber = subscriber;
            this.buffer = buffer;
        }

        @Override
        public void request(long n) {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            if (n <= 0) {
                subscriber.onError(new IllegalArgumentException("non-positive request: " + n));
                return;
            }
            if (buffer.hasRemaining()) {
                subscriber.onNext(buffer);
            }
            subscriber.onComplete();
        }

        @Override
        public void cancel() {
            done.set(true);
        }
    }
}
