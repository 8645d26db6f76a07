package io.sightline.storage.traces;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.lucene.document.LongRange;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;

/**
 * The catalogue calls, answered from the in-memory catalogues of the partitions a range touches.
 * Services and operations of a day the range covers only in part are kept only when a part of the
 * range carries their term (a search that stops at the first hit); attribute keys and values are
 * answered per whole day.
 */
final class TraceCatalogueQueries {
    private static final Comparator<TraceQuerier.Operation> BY_NAME_THEN_KIND =
            Comparator.comparing(TraceQuerier.Operation::name).thenComparingInt(TraceQuerier.Operation::kind);
    private static final String SERVICE_NAME = "service.name";

    private final TracePartitions partitions;

    TraceCatalogueQueries(TracePartitions partitions) {
        this.partitions = partitions;
    }

    List<String> services(long startNanos, long endNanos) {
        return partitions.readRange(startNanos, endNanos, touched -> {
            Set<String> services = new TreeSet<>();
            for (TracePartition partition : touched) {
                for (String service : partition.catalogue().services()) {
                    if (!services.contains(service)
                            && inRange(partition, TraceFields.serviceTerm(service), startNanos, endNanos)) {
                        services.add(service);
                    }
                }
            }
            return List.copyOf(services);
        });
    }

    List<TraceQuerier.Operation> operations(String service, long startNanos, long endNanos) {
        return partitions.readRange(startNanos, endNanos, touched -> {
            Set<TraceQuerier.Operation> operations = new TreeSet<>(BY_NAME_THEN_KIND);
            for (TracePartition partition : touched) {
                for (TraceQuerier.Operation operation : partition.catalogue().operations(service)) {
                    if (!operations.contains(operation) && inRange(partition,
                            TraceFields.operationTerm(service, operation.name()), startNanos, endNanos)) {
                        operations.add(operation);
                    }
                }
            }
            return List.copyOf(operations);
        });
    }

    List<String> attributeKeys(TraceSearch.Scope scope, long startNanos, long endNanos) {
        return partitions.readRange(startNanos, endNanos, touched -> {
            Set<String> keys = new TreeSet<>();
            for (TracePartition partition : touched) {
                TraceCatalogue catalogue = partition.catalogue();
                if (scope != TraceSearch.Scope.RESOURCE) {
                    keys.addAll(catalogue.keys(false));
                }
                if (scope != TraceSearch.Scope.SPAN) {
                    keys.addAll(catalogue.keys(true));
                    if (!catalogue.services().isEmpty()) {
                        keys.add(SERVICE_NAME);
                    }
                }
            }
            return List.copyOf(keys);
        });
    }

    List<String> attributeValues(TraceSearch.Scope scope, String key, long startNanos, long endNanos, int limit) {
        if (limit < 1) {
            return List.of();
        }
        List<String> values = new ArrayList<>(partitions.readRange(startNanos, endNanos, touched -> {
            Set<String> found = new TreeSet<>();
            for (TracePartition partition : touched) {
                TraceCatalogue catalogue = partition.catalogue();
                if (scope != TraceSearch.Scope.RESOURCE) {
                    found.addAll(catalogue.values(false, key));
                }
                if (scope != TraceSearch.Scope.SPAN) {
                    found.addAll(key.equals(SERVICE_NAME) ? catalogue.services() : catalogue.values(true, key));
                }
            }
            return found;
        }));
        return values.size() > limit ? List.copyOf(values.subList(0, limit)) : List.copyOf(values);
    }

    /** Whether a part with {@code term} has a span starting in the range (true at once for a whole day). */
    private static boolean inRange(TracePartition partition, String term, long startNanos, long endNanos) {
        long dayStart = TracePartitions.startOf(partition.day());
        if (startNanos <= dayStart && endNanos >= dayStart + TracePartitions.DAY_NANOS) {
            return true;
        }
        BooleanQuery query = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(TraceFields.TERM, TraceFields.termBytes(term))), BooleanClause.Occur.FILTER)
                .add(LongRange.newIntersectsQuery(TraceFields.STARTS, new long[] {startNanos}, new long[] {endNanos - 1}),
                        BooleanClause.Occur.FILTER)
                .build();
        IndexSearcher searcher = partition.acquire();
        try {
            return searcher.search(query, 1).totalHits.value() > 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trace partition " + partition.path(), e);
        } finally {
            partition.release(searcher);
        }
    }
}
