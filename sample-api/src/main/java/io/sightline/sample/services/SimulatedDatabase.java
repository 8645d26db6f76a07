package io.sightline.sample.services;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;

/**
 * The inventory's database, simulated: a stock table in memory behind CLIENT spans and the
 * {@code db.client.operation.duration} histogram that a PostgreSQL client would produce, each query
 * taking a few random milliseconds. The inventory's dependency faults make queries slow or throw.
 * Thread-safe.
 */
final class SimulatedDatabase {
    /** The catalogue: {@code SKU-1} to {@code SKU-100}. */
    static final int SKUS = 100;
    /** Units each SKU starts with, and what a simulated delivery adds when a reservation would run it dry. */
    static final int RESTOCK_UNITS = 1_000;
    /** The semantic conventions' advised boundaries for database operation durations, in seconds. */
    static final List<Double> DB_DURATION_BUCKETS = List.of(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 10.0);

    private static final String SYSTEM = "postgresql";
    private static final String NAMESPACE = "inventory";
    private static final String TABLE = "stock";
    private static final String HOST = "inventory-db";
    private static final long PORT = 5432;

    private final Map<String, Integer> stock = new ConcurrentHashMap<>();
    private final ServiceTelemetry telemetry;
    private final FaultState faults;
    private final RequestLog log;
    private final DoubleHistogram duration;

    SimulatedDatabase(ServiceTelemetry telemetry, FaultState faults, RequestLog log) {
        this.telemetry = telemetry;
        this.faults = faults;
        this.log = log;
        this.duration = telemetry.meter().histogramBuilder("db.client.operation.duration")
                .setUnit("s")
                .setDescription("Duration of database client operations.")
                .setExplicitBucketBoundariesAdvice(DB_DURATION_BUCKETS)
                .build();
        for (int i = 1; i <= SKUS; i++) {
            stock.put("SKU-" + i, RESTOCK_UNITS);
        }
    }

    /** Units available of {@code sku}; empty for an unknown SKU. */
    OptionalInt selectAvailable(String sku) {
        return query("SELECT", "SELECT available FROM stock WHERE sku = $1", 1_000, 6_000, () -> {
            Integer units = stock.get(sku);
            return units == null ? OptionalInt.empty() : OptionalInt.of(units);
        });
    }

    /**
     * Takes {@code quantity} units of {@code sku}; a SKU that would run dry is restocked first (a
     * simulated delivery), so a valid reservation always succeeds.
     *
     * @return the units left; empty for an unknown SKU
     */
    OptionalInt reserve(String sku, int quantity) {
        return query("UPDATE", "UPDATE stock SET available = available - $1 WHERE sku = $2 RETURNING available",
                2_000, 9_000, () -> {
                    Integer left = stock.computeIfPresent(sku, (key, units) ->
                            (units < quantity ? units + RESTOCK_UNITS : units) - quantity);
                    return left == null ? OptionalInt.empty() : OptionalInt.of(left);
                });
    }

    private OptionalInt query(String operation, String text, long minMicros, long maxMicros, Supplier<OptionalInt> work) {
        long start = System.nanoTime();
        Span span = telemetry.tracer().spanBuilder(operation + " " + TABLE)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("db.system.name", SYSTEM)
                .setAttribute("db.namespace", NAMESPACE)
                .setAttribute("db.operation.name", operation)
                .setAttribute("db.collection.name", TABLE)
                .setAttribute("db.query.text", text)
                .setAttribute("server.address", HOST)
                .setAttribute("server.port", PORT)
                .startSpan();
        String errorType = null;
        Scope scope = span.makeCurrent();
        try {
            faults.beforeDependencyCall("the database");
            Pause.randomMicros(minMicros, maxMicros);
            return work.get();
        } catch (RuntimeException e) {
            errorType = e.getClass().getName();
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, e.getMessage());
            span.setAttribute("error.type", errorType);
            log.failure(operation + " " + TABLE, e);
            throw e;
        } finally {
            AttributesBuilder attributes = Attributes.builder()
                    .put("db.system.name", SYSTEM)
                    .put("db.namespace", NAMESPACE)
                    .put("db.operation.name", operation)
                    .put("db.collection.name", TABLE)
                    .put("server.address", HOST);
            if (errorType != null) {
                attributes.put("error.type", errorType);
            }
            duration.record(HttpInstruments.seconds(start, System.nanoTime()), attributes.build());
            scope.close();
            span.end();
        }
    }
}
