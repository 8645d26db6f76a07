package io.sightline.ingest.export;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * An answer body read up to a cap and the rest drained unread, so a huge or endless error page
 * costs at most the cap in memory yet never turns a classifiable answer into an I/O error (as
 * {@code BodyHandlers.limiting} would). Used by one exchange at a time, as the JDK client drives it.
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final int cap;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();

    private CappedBody(int cap) {
        this.cap = cap;
    }

    /** A handler giving each answer a fresh subscriber keeping at most {@code cap} bytes. */
    static HttpResponse.BodyHandler<byte[]> handler(int cap) {
        return info -> new CappedBody(cap);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            int take = Math.min(buffer.remaining(), cap - kept.size());
            if (take > 0) {
                byte[] bytes = new byte[take];
                buffer.get(bytes);
                kept.write(bytes, 0, take);
            }
        }
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(kept.toByteArray());
    }
}
