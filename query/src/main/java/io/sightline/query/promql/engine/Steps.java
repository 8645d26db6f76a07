package io.sightline.query.promql.engine;

/**
 * The evaluation times of one (sub)query: {@code start, start+interval, ..., <= end}, Unix ms. An
 * instant query is one step ({@code interval} 0).
 */
record Steps(long start, long end, long interval) {
    int count() {
        return interval == 0 ? 1 : (int) ((end - start) / interval) + 1;
    }

    long time(int i) {
        return start + i * interval;
    }
}
