package io.sightline.storage.background;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Threads that do deferrable work (indexing, merging, applying the WAL) at a lower CPU priority than
 * the receivers, so a burst of requests is written to the WAL and acknowledged first and the stores
 * catch up afterwards, which is what the WAL is for. On two cores, equal priorities let indexing
 * starve the receivers.
 *
 * <p>On Linux each thread has its own nice value: {@code setpriority(PRIO_PROCESS, gettid(), n)},
 * called through the foreign function API (no root needed to lower a priority). Elsewhere, or if
 * the call is unavailable, priorities stay as they are.
 */
public final class BackgroundThreads {
    /** Nice value of background threads: CFS gives a nice-10 thread ~1/10 the weight of a nice-0 one. */
    public static final int NICE = 10;
    private static final Logger LOG = Logger.getLogger(BackgroundThreads.class.getName());
    private static final int PRIO_PROCESS = 0;
    private static final Optional<Native> NATIVE = Native.load();

    private BackgroundThreads() {
    }

    /** Lowers the calling thread's priority to {@link #NICE}; does nothing where unsupported. */
    public static void lowerCurrentThreadPriority() {
        NATIVE.ifPresent(Native::lowerCurrentThread);
    }

    /** Whether priorities can be lowered here (Linux with glibc's {@code gettid}). */
    public static boolean supported() {
        return NATIVE.isPresent();
    }

    /** Platform daemon threads named {@code prefix-N} that lower their own priority first. */
    public static ThreadFactory factory(String prefix) {
        ThreadFactory platform = Thread.ofPlatform().name(prefix + "-", 0).daemon().factory();
        return task -> platform.newThread(() -> {
            lowerCurrentThreadPriority();
            task.run();
        });
    }

    private record Native(MethodHandle gettid, MethodHandle setpriority) {
        static Optional<Native> load() {
            if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
                return Optional.empty();
            }
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                var gettid = libc.find("gettid");
                var setpriority = libc.find("setpriority");
                if (gettid.isEmpty() || setpriority.isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(new Native(
                        linker.downcallHandle(gettid.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT)),
                        linker.downcallHandle(setpriority.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT))));
            } catch (RuntimeException | Error e) {
                LOG.log(Level.FINE, "thread priorities unavailable; background work runs at normal priority", e);
                return Optional.empty();
            }
        }

        void lowerCurrentThread() {
            try {
                int tid = (int) gettid.invokeExact();
                int result = (int) setpriority.invokeExact(PRIO_PROCESS, tid, NICE);
                if (result != 0) {
                    LOG.fine("setpriority failed for thread " + tid);
                }
            } catch (Throwable e) {
                LOG.log(Level.FINE, "could not lower the priority of " + Thread.currentThread().getName(), e);
            }
        }
    }
}
