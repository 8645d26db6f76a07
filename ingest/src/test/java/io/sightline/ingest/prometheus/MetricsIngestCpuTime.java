package io.sightline.ingest.prometheus;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * {@link MetricsIngestBenchmark}'s methods measured in samples per CPU-second of the calling thread
 * rather than per wall-clock second: on a machine whose cores are shared with other work, JMH's
 * scores swing with the time slices the thread loses, its CPU time far less. No JMH warm-up
 * machinery: the first round is the warm-up. Run from the test classpath:
 * {@code java -cp ... io.sightline.ingest.prometheus.MetricsIngestCpuTime remoteWrite,otlpFromBytes 5}.
 */
public final class MetricsIngestCpuTime {
    /** CPU time measured per figure (ns). */
    private static final long CPU_NANOS_PER_FIGURE = 3_000_000_000L;
    private static final Map<String, Integer> SAMPLES_PER_CALL = Map.of(
            "remoteWrite", MetricsIngestBenchmark.SERIES_PER_REQUEST,
            "otlp", MetricsIngestBenchmark.OTLP_SAMPLES_PER_REQUEST,
            "otlpFromBytes", MetricsIngestBenchmark.OTLP_SAMPLES_PER_REQUEST,
            "otlpFromBytesParsed", MetricsIngestBenchmark.OTLP_SAMPLES_PER_REQUEST);

    private MetricsIngestCpuTime() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        MetricsIngestBenchmark benchmark = new MetricsIngestBenchmark();
        benchmark.setUp();
        String[] names = args[0].split(",");
        int rounds = Integer.parseInt(args[1]);
        long sink = 0;
        for (int round = 0; round < rounds; round++) {
            StringBuilder line = new StringBuilder("round " + round + ":");
            for (String name : names) {
                Method method = MetricsIngestBenchmark.class.getMethod(name);
                long start = threads.getCurrentThreadCpuTime();
                long calls = 0;
                while (threads.getCurrentThreadCpuTime() - start < CPU_NANOS_PER_FIGURE) {
                    for (int i = 0; i < 50; i++) {
                        sink += (int) method.invoke(benchmark);
                        calls++;
                    }
                }
                double seconds = (threads.getCurrentThreadCpuTime() - start) / 1e9;
                line.append(String.format(" %s=%.0fk samples/CPU-s", name,
                        calls * SAMPLES_PER_CALL.get(name) / seconds / 1000));
            }
            System.out.println(line);
        }
        System.out.println("(checksum " + sink + ")");
    }
}
