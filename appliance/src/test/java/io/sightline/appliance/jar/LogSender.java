package io.sightline.appliance.jar;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;

/**
 * One client of the crash test: sends OTLP/HTTP log batches back to back, each record carrying a
 * unique {@value #ID_ATTRIBUTE} {@code c<client>-<seq>} (also in its body), and books every id in the
 * shared {@link Ledger} as acknowledged (HTTP 200) or not. Sequence numbers continue across
 * appliance restarts. One thread uses an instance at a time.
 */
final class LogSender {
    static final String ID_ATTRIBUTE = "rec.id";
    /** Batch sizes vary per client between these bounds (records), drawn from the test seed. */
    private static final int MIN_BATCH = 100;
    private static final int MAX_BATCH = 300;

    private final int client;
    private final Random random;
    private long nextSeq;

    LogSender(int client, long seed) {
        this.client = client;
        this.random = new Random(seed * 31 + client);
    }

    /** Sends until {@code stop} says so; connection failures (the appliance was killed) are booked, not thrown. */
    void sendUntil(BooleanSupplier stop, ApplianceClient appliance, Ledger ledger) throws InterruptedException {
        while (!stop.getAsBoolean()) {
            List<String> ids = nextIds(MIN_BATCH + random.nextInt(MAX_BATCH - MIN_BATCH + 1));
            ExportLogsServiceRequest request = batch("crash-client-" + client, ids);
            int status;
            try {
                status = appliance.export(request);
            } catch (IOException e) {
                ledger.failed(ids, e);
                continue;
            }
            if (status == 200) {
                ledger.acknowledged(ids);
            } else {
                ledger.refused(ids, status);
            }
        }
    }

    private List<String> nextIds(int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add("c" + client + "-" + nextSeq++);
        }
        return ids;
    }

    /** One resource, one scope, a record per id stamped now (a nanosecond apart, in order). */
    static ExportLogsServiceRequest batch(String service, List<String> ids) {
        Instant now = Instant.now();
        long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        ScopeLogs.Builder scope = ScopeLogs.newBuilder()
                .setScope(InstrumentationScope.newBuilder().setName("io.sightline.appliance.jar").setVersion("1"));
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            scope.addLogRecords(LogRecord.newBuilder()
                    .setTimeUnixNano(nanos + i)
                    .setObservedTimeUnixNano(nanos + i)
                    .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_INFO)
                    .setSeverityText("INFO")
                    .setBody(AnyValue.newBuilder().setStringValue("crash recovery record " + id + " sent and maybe acknowledged"))
                    .addAttributes(KeyValue.newBuilder().setKey(ID_ATTRIBUTE).setValue(AnyValue.newBuilder().setStringValue(id))));
        }
        return ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder()
                        .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
                                .setValue(AnyValue.newBuilder().setStringValue(service))))
                        .addScopeLogs(scope))
                .build();
    }

    /** What every sender saw, shared by all of them. Thread-safe. */
    static final class Ledger {
        private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        private final Set<String> unacknowledged = ConcurrentHashMap.newKeySet();
        private final AtomicLong acknowledgedCount = new AtomicLong();
        private final Map<Integer, LongAdder> refusals = new ConcurrentHashMap<>();
        private final AtomicLong connectionFailures = new AtomicLong();
        private volatile String firstFailure = "";
        private volatile long target = Long.MAX_VALUE;
        private volatile CountDownLatch targetReached = new CountDownLatch(1);

        /** A latch that opens once {@code target} records in all have been acknowledged. */
        CountDownLatch aim(long target) {
            CountDownLatch latch = new CountDownLatch(1);
            this.targetReached = latch;
            this.target = target;
            if (acknowledgedCount.get() >= target) {
                latch.countDown();
            }
            return latch;
        }

        void acknowledged(List<String> ids) {
            acknowledged.addAll(ids);
            if (acknowledgedCount.addAndGet(ids.size()) >= target) {
                targetReached.countDown();
            }
        }

        void refused(List<String> ids, int status) {
            unacknowledged.addAll(ids);
            refusals.computeIfAbsent(status, s -> new LongAdder()).increment();
        }

        void failed(List<String> ids, IOException e) {
            unacknowledged.addAll(ids);
            if (connectionFailures.getAndIncrement() == 0) {
                firstFailure = e.toString();
            }
        }

        Set<String> acknowledged() {
            return acknowledged;
        }

        Set<String> unacknowledged() {
            return unacknowledged;
        }

        long acknowledgedCount() {
            return acknowledgedCount.get();
        }

        /** Requests answered with something other than 200, by status. */
        Map<Integer, Long> refusals() {
            Map<Integer, Long> counts = new TreeMap<>();
            refusals.forEach((status, count) -> counts.put(status, count.sum()));
            return counts;
        }

        long connectionFailures() {
            return connectionFailures.get();
        }

        String firstFailure() {
            return firstFailure;
        }
    }
}
