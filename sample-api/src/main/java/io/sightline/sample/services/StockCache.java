package io.sightline.sample.services;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;

/**
 * The inventory's in-process cache of stock levels: entries live {@link #TIME_TO_LIVE}, so a
 * SKU asked for again soon is a hit and others miss. Each lookup is an INTERNAL span and counts
 * in {@code cache.lookups} by {@code cache.result} (hit or miss). Thread-safe.
 */
final class StockCache {
    /** Short enough that a steady trickle of requests sees both hits and misses. */
    static final Duration TIME_TO_LIVE = Duration.ofSeconds(2);
    static final String NAME = "stock";
    private static final AttributeKey<String> RESULT = AttributeKey.stringKey("cache.result");
    private static final Attributes HIT = Attributes.of(AttributeKey.stringKey("cache.name"), NAME, RESULT, "hit");
    private static final Attributes MISS = Attributes.of(AttributeKey.stringKey("cache.name"), NAME, RESULT, "miss");

    /** Bounded by the catalogue: only known SKUs are put. */
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final ServiceTelemetry telemetry;
    private final LongCounter lookups;

    private record Entry(int units, long expiresNanos) {}

    StockCache(ServiceTelemetry telemetry) {
        this.telemetry = telemetry;
        this.lookups = telemetry.meter().counterBuilder("cache.lookups")
                .setUnit("{lookup}")
                .setDescription("Lookups in the inventory's stock cache, by cache.result (hit or miss).")
                .build();
    }

    /** The cached units of {@code sku}, if fresh. */
    OptionalInt get(String sku) {
        Span span = telemetry.tracer().spanBuilder("cache get " + NAME)
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute("cache.name", NAME)
                .setAttribute("cache.key", sku)
                .startSpan();
        try {
            Pause.randomMicros(50, 300);
            Entry entry = entries.get(sku);
            boolean hit = entry != null && entry.expiresNanos() - System.nanoTime() > 0;
            span.setAttribute("cache.hit", hit);
            lookups.add(1, hit ? HIT : MISS);
            return hit ? OptionalInt.of(entry.units()) : OptionalInt.empty();
        } finally {
            span.end();
        }
    }

    void put(String sku, int units) {
        entries.put(sku, new Entry(units, System.nanoTime() + TIME_TO_LIVE.toNanos()));
    }
}
