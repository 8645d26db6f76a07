package io.sightline.sample.load;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import java.util.SplittableRandom;

/**
 * The requests of a backfill run ({@code --span}), built one at a time as they are sent rather
 * than cycled from a {@link RequestPool}: every record is different, each carries its own time
 * from the {@link BackfillPlan}, and exactly the plan's records carry the token. Request
 * {@code i} holds records {@code i * batch} to {@code (i + 1) * batch - 1} from service
 * {@code i mod services}, and is the same for the same seed whichever sender builds it.
 *
 * <p>Building costs the generator a few microseconds a record, on the sender threads. Immutable and
 * thread-safe: each request gets its own {@link LogBatchGenerator}.
 */
final class BackfillRequests {

    private final long seed;
    private final int services;
    private final int batch;
    private final BackfillPlan plan;
    private final LogBatchGenerator.Backfill shape;

    BackfillRequests(long seed, int services, int batch, BackfillPlan plan, LogBatchGenerator.Backfill shape) {
        if (batch < 1 || services < 1) {
            throw new IllegalArgumentException("batch " + batch + ", services " + services);
        }
        this.seed = seed;
        this.services = services;
        this.batch = batch;
        this.plan = plan;
        this.shape = shape;
    }

    /** Requests in the run: the plan's records in batches, the last one possibly short. */
    long requestCount() {
        return (plan.totalRecords() + batch - 1) / batch;
    }

    /** Request {@code index} (0-based, below {@link #requestCount()}). */
    ExportLogsServiceRequest request(long index) {
        if (index < 0 || index >= requestCount()) {
            throw new IllegalArgumentException("request " + index + " of " + requestCount());
        }
        long first = index * batch;
        int records = (int) Math.min(batch, plan.totalRecords() - first);
        long[] times = new long[records];
        for (int i = 0; i < records; i++) {
            times[i] = plan.timeOf(first + i);
        }
        long requestSeed = new SplittableRandom(seed ^ (index * 0x9E3779B97F4A7C15L)).nextLong();
        LogBatchGenerator generator = new LogBatchGenerator(requestSeed, services);
        return generator.request((int) (index % services), times, shape, i -> plan.carriesToken(first + i));
    }
}
