package io.sightline.appliance;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The JVM's and the process's figures for the status page, read from the platform MXBeans at each
 * call: heap used / committed / max, non-heap used, live and peak threads, uptime, the process's
 * CPU time and recent load, available processors, and each collector's count and time.
 * Thread-safe.
 */
final class RuntimeFigures {
    Map<String, String> read() {
        Map<String, String> out = new LinkedHashMap<>();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        out.put("heap used", mib(heap.getUsed()) + " of " + (heap.getMax() < 0 ? "no maximum" : mib(heap.getMax()) + " max")
                + " (" + mib(heap.getCommitted()) + " committed)");
        out.put("non-heap used", mib(ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getUsed()));
        var threads = ManagementFactory.getThreadMXBean();
        out.put("threads", threads.getThreadCount() + " live, " + threads.getPeakThreadCount() + " peak, "
                + threads.getDaemonThreadCount() + " daemon");
        out.put("uptime", uptime(Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime())));
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        out.put("processors", Integer.toString(os.getAvailableProcessors()));
        if (os instanceof com.sun.management.OperatingSystemMXBean process) {
            long cpuNanos = process.getProcessCpuTime();
            double load = process.getProcessCpuLoad();
            out.put("process CPU", (cpuNanos < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f s", cpuNanos / 1e9))
                    + (load < 0 ? "" : String.format(Locale.ROOT, ", %.1f %% of the machine now", load * 100)));
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            out.put("GC " + gc.getName(), gc.getCollectionCount() + " collections, "
                    + String.format(Locale.ROOT, "%.3f s", gc.getCollectionTime() / 1e3));
        }
        return out;
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    static String uptime(Duration duration) {
        long days = duration.toDays();
        return (days > 0 ? days + "d " : "") + String.format(Locale.ROOT, "%02d:%02d:%02d", duration.toHoursPart(),
                duration.toMinutesPart(), duration.toSecondsPart());
    }
}
