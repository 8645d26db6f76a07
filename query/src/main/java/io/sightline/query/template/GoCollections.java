package io.sightline.query.template;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Go's {@code index} and {@code slice} template functions over lists, maps and strings. Strings
 * are indexed and sliced by UTF-8 byte as in Go: {@code index "abc" 0} is the byte 97.
 */
final class GoCollections {
    private GoCollections() {
    }

    static Object index(Object item, List<Object> indexes) {
        if (item == null || item == GoValues.NO_VALUE) {
            throw new IllegalArgumentException("index of untyped nil");
        }
        for (Object rawIndex : indexes) {
            Object index = rawIndex == null ? GoValues.NO_VALUE : rawIndex;
            if (item == null) {
                throw new IllegalArgumentException("index of nil pointer");
            }
            if (item instanceof List<?> list) {
                int x = indexArg(index, list.size());
                if (x == list.size()) {
                    throw new IllegalArgumentException("reflect: slice index out of range");
                }
                item = list.get(x);
            } else if (item instanceof String s) {
                byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                int x = indexArg(index, bytes.length);
                if (x == bytes.length) {
                    throw new IllegalArgumentException("reflect: string index out of range");
                }
                item = (long) (bytes[x] & 0xff);
            } else if (item instanceof Map<?, ?> map) {
                if (index == GoValues.NO_VALUE) {
                    throw new IllegalArgumentException("value is nil; should be of type string");
                }
                if (!(index instanceof String key)) {
                    throw new IllegalArgumentException("value has type " + GoValues.typeName(index)
                            + "; should be string");
                }
                item = map.get(key);
            } else {
                throw new IllegalArgumentException("can't index item of type " + GoValues.typeName(item));
            }
        }
        return item;
    }

    static Object slice(Object item, List<Object> indexes) {
        if (item == null || item == GoValues.NO_VALUE) {
            throw new IllegalArgumentException("slice of untyped nil");
        }
        if (indexes.size() > 3) {
            throw new IllegalArgumentException("too many slice indexes: " + indexes.size());
        }
        int length;
        byte[] bytes = null;
        if (item instanceof String s) {
            if (indexes.size() == 3) {
                throw new IllegalArgumentException("cannot 3-index slice a string");
            }
            bytes = s.getBytes(StandardCharsets.UTF_8);
            length = bytes.length;
        } else if (item instanceof List<?> list) {
            length = list.size();
        } else {
            throw new IllegalArgumentException("can't slice item of type " + GoValues.typeName(item));
        }
        int[] idx = {0, length, length};
        for (int i = 0; i < indexes.size(); i++) {
            Object index = indexes.get(i) == null ? GoValues.NO_VALUE : indexes.get(i);
            idx[i] = indexArg(index, length);
        }
        if (idx[0] > idx[1]) {
            throw new IllegalArgumentException("invalid slice index: " + idx[0] + " > " + idx[1]);
        }
        if (indexes.size() == 3 && idx[1] > idx[2]) {
            throw new IllegalArgumentException("invalid slice index: " + idx[1] + " > " + idx[2]);
        }
        if (bytes != null) {
            return new String(bytes, idx[0], idx[1] - idx[0], StandardCharsets.UTF_8);
        }
        return new ArrayList<Object>(((List<?>) item).subList(idx[0], idx[1]));
    }

    private static int indexArg(Object index, int cap) {
        if (index == GoValues.NO_VALUE) {
            throw new IllegalArgumentException("cannot index slice/array with nil");
        }
        if (!GoValues.isInt(index)) {
            throw new IllegalArgumentException("cannot index slice/array with type " + GoValues.typeName(index));
        }
        long x = ((Number) index).longValue();
        if (x < 0 || x > cap) {
            throw new IllegalArgumentException("index out of range: " + x);
        }
        return (int) x;
    }
}
