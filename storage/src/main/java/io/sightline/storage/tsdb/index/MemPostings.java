package io.sightline.storage.tsdb.index;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

import io.sightline.storage.tsdb.Labels;

/**
 * The head's mutable postings: name → value → ascending series ids in a growable int array (four
 * bytes a label pair, no boxing). Ids must be added in ascending order, which the head guarantees
 * by allocating them from a counter. Not thread-safe: the head guards it with its index lock.
 */
public final class MemPostings implements LabelIndex {
    private final Map<String, Map<String, IdList>> byName = new HashMap<>();
    private final IdList all = new IdList();

    /** Adds series {@code id}, greater than every id added before, carrying {@code labels}. */
    public void add(int id, Labels labels) {
        all.add(id);
        for (int i = 0; i < labels.size(); i++) {
            byName.computeIfAbsent(labels.name(i), n -> new HashMap<>())
                    .computeIfAbsent(labels.value(i), v -> new IdList()).add(id);
        }
    }

    /** Removes every series for which {@code removed} holds; drops emptied values and names. */
    public void removeIf(IntPredicate removed) {
        all.removeIf(removed);
        byName.values().removeIf(values -> {
            values.values().removeIf(ids -> {
                ids.removeIf(removed);
                return ids.size == 0;
            });
            return values.isEmpty();
        });
    }

    /** Every name and value in the index, for rebuilding a symbol table. */
    public void forEachSymbol(Consumer<String> action) {
        byName.forEach((name, values) -> {
            action.accept(name);
            values.keySet().forEach(action);
        });
    }

    @Override
    public int[] allPostings() {
        return all.toArray();
    }

    @Override
    public int[] postings(String name, String value) {
        Map<String, IdList> values = byName.get(name);
        IdList ids = values == null ? null : values.get(value);
        return ids == null ? Postings.EMPTY : ids.toArray();
    }

    @Override
    public void forEachValue(String name, Consumer<String> action) {
        Map<String, IdList> values = byName.get(name);
        if (values != null) {
            values.keySet().forEach(action);
        }
    }

    @Override
    public void forEachName(Consumer<String> action) {
        byName.keySet().forEach(action);
    }

    /** An ascending list of ids; starts with room for one, the common case of a unique value. */
    private static final class IdList {
        private int[] ids = new int[1];
        private int size;

        void add(int id) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size < 8 ? size * 2 : size + (size >> 1));
            }
            ids[size++] = id;
        }

        void removeIf(IntPredicate removed) {
            int n = 0;
            for (int i = 0; i < size; i++) {
                if (!removed.test(ids[i])) {
                    ids[n++] = ids[i];
                }
            }
            size = n;
            if (size < ids.length / 4) {
                ids = Arrays.copyOf(ids, Math.max(1, size));
            }
        }

        int[] toArray() {
            return Arrays.copyOf(ids, size);
        }
    }
}
