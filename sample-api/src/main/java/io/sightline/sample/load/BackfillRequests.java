package io.sightline.sample.load;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import java.util.SplittableRandom;

/**
 * The requests of a backfill run ({@code --span}), built one at a time as they are sent rather
 * than cycled from a {@link RequestPool}: every record is different, each carries its own time
 * from the {@link BackfillPlan}, and exactly the plan's records carry the token. Request {@code i}
 * is the same for the same seed whichever sender builds it.
 *
 * <p>Requests come in groups of one per service ({@code services} requests, the last group maybe
 * fewer); a group holds a contiguous stretch of the plan's records, dealt out in turn: request
 * {@code s} of an {@code m}-request group takes its stretch's records {@code s, s + m, s + 2m, ...}.
 * So every service logs all along the span (a service does not fall silent for the other
 * services' batches), and the groups still fill the span oldest first.
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

    /** @throws IllegalArgumentException unless the plan's records fill whole batches */
    BackfillRequests(long seed, int services, int batch, BackfillPlan plan, LogBatchGenerator.Backfill shape) {
        if (batch < 1 || services < 1 || plan.totalRecords() % batch != 0) {
            throw new IllegalArgumentException("batch " + batch + ", services " + services + ", "
                    + plan.totalRecords() + " records (a whole number of batches)");
        }
        this.seed = seed;
        this.services = services;
        this.batch = batch;
        this.plan = plan;
        this.shape = shape;
    }

    /** Requests in the run: the plan's records in batches. */
    long requestCount() {
        return plan.totalRecords() / batch;
    }

    /** Request {@code index} (0-based, below {@link #requestCount()}). */
    ExportLogsServiceRequest request(long index) {
        if (index < 0 || index >= requestCount()) {
            throw new IllegalArgumentException("request " + index + " of " + requestCount());
        }
        long group = index / services;
        long groupStart = group * services;
        long groupSize = Math.min(services, requestCount() - groupStart);
        long firstRecord = groupStart * batch + (index - groupStart);
        long[] positions = new long[batch];
        long[] times = new long[batch];
        for (int i = 0; i < batch; i++) {
            positions[i] = firstRecord + i * groupSize;
            times[i] = plan.timeOf(positions[i]);
        }
        long requestSeed = new SplittableRandom(seed ^ (index * 0x9E3779B97F4A7C15L)).nextLong();
        LogBatchGenerator generator = new LogBatchGenerator(requestSeed, services);
        return generator.request((int) (index % services), times, shape, i -> plan.carriesToken(positions[i]));
    }
}
