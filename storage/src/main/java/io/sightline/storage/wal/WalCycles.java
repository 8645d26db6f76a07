package io.sightline.storage.wal;

import java.io.File;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Logger;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * The cycle files of one queue: listing, sizing and deleting them. Chronicle never deletes old
 * cycles itself; this does, idempotently, and then refreshes the queue's directory listing.
 */
final class WalCycles {
    private static final Logger LOG = Logger.getLogger(WalCycles.class.getName());
    private static final String SUFFIX = ".cq4";

    private final SingleChronicleQueue queue;
    private final WalConfig config;
    private final InstantSource clock;

    WalCycles(SingleChronicleQueue queue, WalConfig config, InstantSource clock) {
        this.queue = queue;
        this.config = config;
        this.clock = clock;
    }

    /** Index of the first entry kept, or -1 when there is none. */
    long firstIndex() {
        if (queue.firstCycle() == Integer.MAX_VALUE) {
            return -1;
        }
        long index = queue.firstIndex();
        return index == Long.MAX_VALUE ? -1 : index;
    }

    long sizeBytes() {
        long total = 0;
        for (CycleFile file : list()) {
            total += file.file().length();
        }
        return total;
    }

    /** Deletes the cycles wholly before the cycle of {@code index}; nothing for a negative index. */
    int deleteBefore(long index) {
        if (index < 0) {
            return 0;
        }
        int keepFrom = queue.rollCycle().toCycle(index);
        int deleted = 0;
        List<CycleFile> files = list();
        for (int i = 0; i < files.size() - 1; i++) {
            if (files.get(i).cycle() < keepFrom) {
                deleted += delete(files.get(i));
            }
        }
        return refreshed(deleted);
    }

    /** Deletes cycles older than the retention age, then the oldest while over the size bound. */
    int deleteByRetention() {
        RollCycle rollCycle = queue.rollCycle();
        long cutoff = clock.millis() - config.retentionAge().toMillis();
        List<CycleFile> files = list();
        long total = 0;
        for (CycleFile file : files) {
            total += file.file().length();
        }
        int deleted = 0;
        for (int i = 0; i < files.size() - 1; i++) {
            CycleFile file = files.get(i);
            long end = (long) (file.cycle() + 1) * rollCycle.lengthInMillis();
            boolean tooOld = end <= cutoff;
            boolean tooBig = config.retentionBytes() > 0 && total > config.retentionBytes();
            if (!tooOld && !tooBig) {
                break;
            }
            long length = file.file().length();
            if (delete(file) == 1) {
                total -= length;
                deleted++;
            }
        }
        return refreshed(deleted);
    }

    private int refreshed(int deleted) {
        if (deleted > 0) {
            queue.refreshDirectoryListing();
        }
        return deleted;
    }

    private static int delete(CycleFile file) {
        if (file.file().delete() || !file.file().exists()) {
            LOG.fine(() -> "deleted WAL cycle file " + file.file());
            return 1;
        }
        LOG.warning("could not delete WAL cycle file " + file.file());
        return 0;
    }

    /** The queue's cycle files, oldest first. */
    private List<CycleFile> list() {
        File[] files = config.directory().toFile().listFiles((dir, fileName) -> fileName.endsWith(SUFFIX));
        List<CycleFile> result = new ArrayList<>();
        if (files == null) {
            return result;
        }
        for (File file : files) {
            int cycle = cycleOf(file.getName());
            if (cycle != Integer.MIN_VALUE) {
                result.add(new CycleFile(cycle, file));
            }
        }
        result.sort(Comparator.comparingInt(CycleFile::cycle));
        return result;
    }

    /** The cycle a file holds, from its name in the roll cycle's UTC date format. */
    private int cycleOf(String fileName) {
        String stamp = fileName.substring(0, fileName.length() - SUFFIX.length());
        try {
            var format = new java.text.SimpleDateFormat(queue.rollCycle().format());
            format.setTimeZone(java.util.TimeZone.getTimeZone("UTC"));
            long millis = format.parse(stamp).getTime();
            return (int) (millis / queue.rollCycle().lengthInMillis());
        } catch (java.text.ParseException e) {
            return Integer.MIN_VALUE;
        }
    }

    private record CycleFile(int cycle, File file) {
    }
}
