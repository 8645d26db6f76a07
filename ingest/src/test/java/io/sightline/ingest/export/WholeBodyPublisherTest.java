package io.sightline.ingest.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;

import org.junit.jupiter.api.Test;

/** {@link WholeBodyPublisher}: one view of the range a subscription, as the reactive-streams rules ask. */
class WholeBodyPublisherTest {
    private static final byte[] ARRAY = {1, 2, 3, 4, 5, 6, 7, 8};

    /** Records what it is handed; requests {@code demand} on subscribe unless it is 0. */
    private static final class Recorder implements Flow.Subscriber<ByteBuffer> {
        final List<byte[]> items = new ArrayList<>();
        final List<Throwable> errors = new ArrayList<>();
        final long demand;
        Flow.Subscription subscription;
        int completions;

        Recorder(long demand) {
            this.demand = demand;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (demand != 0) {
                subscription.request(demand);
            }
        }

        @Override
        public void onNext(ByteBuffer item) {
            assertThat(item.isReadOnly()).isTrue();
            byte[] bytes = new byte[item.remaining()];
            item.get(bytes);
            items.add(bytes);
        }

        @Override
        public void onError(Throwable throwable) {
            errors.add(throwable);
        }

        @Override
        public void onComplete() {
            completions++;
        }
    }

    @Test
    void emitsTheRangeOnceThenCompletesAndEverySubscriptionSeesItWhole() {
        WholeBodyPublisher publisher = new WholeBodyPublisher(ARRAY, 5);
        assertThat(publisher.contentLength()).isEqualTo(5);
        for (int resend = 0; resend < 2; resend++) {
            Recorder recorder = new Recorder(Long.MAX_VALUE);
            publisher.subscribe(recorder);
            recorder.subscription.request(1); // more demand after the end: nothing more
            assertThat(recorder.items).containsExactly(new byte[] {1, 2, 3, 4, 5});
            assertThat(recorder.completions).isEqualTo(1);
            assertThat(recorder.errors).isEmpty();
        }
    }

    @Test
    void anEmptyBodyOnlyCompletes() {
        Recorder recorder = new Recorder(1);
        new WholeBodyPublisher(ARRAY, 0).subscribe(recorder);
        assertThat(recorder.items).isEmpty();
        assertThat(recorder.completions).isEqualTo(1);
    }

    @Test
    void nothingIsEmittedBeforeDemandOrAfterCancel() {
        Recorder recorder = new Recorder(0);
        new WholeBodyPublisher(ARRAY, 8).subscribe(recorder);
        assertThat(recorder.items).isEmpty();
        recorder.subscription.cancel();
        recorder.subscription.request(1);
        assertThat(recorder.items).isEmpty();
        assertThat(recorder.completions).isZero();
    }

    @Test
    void aNonPositiveRequestIsAnError() {
        Recorder recorder = new Recorder(0);
        new WholeBodyPublisher(ARRAY, 8).subscribe(recorder);
        recorder.subscription.request(0);
        assertThat(recorder.errors).singleElement().isInstanceOf(IllegalArgumentException.class);
        assertThat(recorder.items).isEmpty();
    }

    @Test
    void aLengthOutsideTheArrayIsRefused() {
        assertThatThrownBy(() -> new WholeBodyPublisher(ARRAY, 9)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("length 9");
        assertThatThrownBy(() -> new WholeBodyPublisher(ARRAY, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
