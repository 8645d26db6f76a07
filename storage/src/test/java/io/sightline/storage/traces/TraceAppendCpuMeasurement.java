package io.sightline.storage.traces;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * {@link TraceAppendBenchmark}'s three steps measured in thread CPU time rather than throughput, which
 * on a shared two-core machine says more than wall time: µs of CPU a span for each. Usage:
 * {@code java -cp ... io.sightline.storage.traces.TraceAppendCpuMeasurement [spans a round] [lz4|deflate]}.
 */
public final class TraceAppendCpuMeasurement {
    private TraceAppendCpuMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        int spans = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        TraceAppendBenchmark bench = new TraceAppendBenchmark();
        bench.bestCompression = args.length > 1 && args[1].equals("deflate");
        bench.setUp();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int calls = spans / RealisticSpans.BATCH;
        try {
            for (int round = 0; round < 4; round++) {
                long t0 = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < calls; i++) {
                    bench.encodeSpans();
                }
                long t1 = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < calls; i++) {
                    bench.buildDocuments();
                }
                long t2 = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < calls; i++) {
                    bench.appendAndWrite();
                }
                long t3 = threads.getCurrentThreadCpuTime();
                double n = (double) calls * RealisticSpans.BATCH;
                System.out.printf("round %d (%s): encodeSpans %.2f µs, buildDocuments %.2f µs, appendAndWrite %.2f µs CPU a span%n",
                        round, bench.bestCompression ? "DEFLATE" : "LZ4", (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / n, (t3 - t2) / 1e3 / n);
            }
        } finally {
            bench.tearDown();
        }
    }
}
