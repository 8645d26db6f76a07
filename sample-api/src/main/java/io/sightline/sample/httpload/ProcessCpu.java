package io.sightline.sample.httpload;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * This JVM's CPU time (user + system, all threads), for the generator's own cost. Reads
 * {@code com.sun.management.OperatingSystemMXBean#getProcessCpuTime} where the JDK has it, else
 * {@link ProcessHandle.Info#totalCpuDuration()}; -1 when neither knows. Stateless.
 */
final class ProcessCpu {

    private ProcessCpu() {}

    /** CPU nanoseconds used by this process so far; -1 when unknown. */
    static long nanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long t = os.getProcessCpuTime();
            if (t >= 0) {
                return t;
            }
        }
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }
}
