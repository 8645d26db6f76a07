package io.sightline.storage.tsdb.index;

import java.util.Arrays;
import java.util.List;

/**
 * Set operations on postings lists: ascending arrays of distinct series ids. Each runs in time
 * linear in its inputs (a union of k lists in O(n log k) would pay off only for very many lists;
 * label values of one name rarely share series, so concatenating and sorting is as fast here).
 */
public final class Postings {
    public static final int[] EMPTY = new int[0];

    private Postings() {
    }

    /** Ids in both lists. */
    public static int[] intersect(int[] a, int[] b) {
        int[] out = new int[Math.min(a.length, b.length)];
        int n = 0;
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            int x = a[i];
            int y = b[j];
            if (x == y) {
                out[n++] = x;
                i++;
                j++;
            } else if (x < y) {
                i++;
            } else {
                j++;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** Ids in {@code a} but not in {@code b}. */
    public static int[] subtract(int[] a, int[] b) {
        int[] out = new int[a.length];
        int n = 0;
        int j = 0;
        for (int x : a) {
            while (j < b.length && b[j] < x) {
                j++;
            }
            if (j >= b.length || b[j] != x) {
                out[n++] = x;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** Ids in any of the lists. */
    public static int[] union(List<int[]> lists) {
        if (lists.isEmpty()) {
            return EMPTY;
        }
        if (lists.size() == 1) {
            return lists.getFirst();
        }
        int total = 0;
        for (int[] list : lists) {
            total += list.length;
        }
        int[] all = new int[total];
        int at = 0;
        for (int[] list : lists) {
            System.arraycopy(list, 0, all, at, list.length);
            at += list.length;
        }
        Arrays.sort(all);
        int n = 0;
        for (int i = 0; i < all.length; i++) {
            if (n == 0 || all[n - 1] != all[i]) {
                all[n++] = all[i];
            }
        }
        return n == all.length ? all : Arrays.copyOf(all, n);
    }
}
