package io.sightline.sample.httpload;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Picks an endpoint index with probability weight / total, by a binary search over the cumulative
 * weights: O(log n) a pick, no allocation. Immutable and thread-safe.
 */
final class WeightedChoice {

    private final long[] cumulative;

    WeightedChoice(List<HttpEndpoint> endpoints) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("at least one endpoint is needed");
        }
        cumulative = new long[endpoints.size()];
        long sum = 0;
        for (int i = 0; i < cumulative.length; i++) {
            sum += endpoints.get(i).weight();
            cumulative[i] = sum;
        }
    }

    /** An index in [0, endpoints): the first whose cumulative weight exceeds a uniform draw. */
    int pick(SplittableRandom random) {
        long draw = random.nextLong(cumulative[cumulative.length - 1]);
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] > draw) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }
}
