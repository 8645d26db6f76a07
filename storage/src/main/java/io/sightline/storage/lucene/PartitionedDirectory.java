package io.sightline.storage.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A day-partitioned store's folder (the log index's, the trace store's): one sub-folder per day
 * partition, and the {@code applied-wal-index} file that keeps the last committed WAL index when
 * retention has left no partition to carry it. Not thread-safe; a store calls it under its own
 * lock or at open.
 */
public final class PartitionedDirectory {
    private static final Logger LOG = Logger.getLogger(PartitionedDirectory.class.getName());
    private static final String APPLIED_INDEX_FILE = "applied-wal-index";

    private final Path root;
    private final String what;

    /** Creates the folder when missing; @param what a partition in messages, e.g. "log partition" */
    public PartitionedDirectory(Path root, String what) throws IOException {
        this.root = root;
        this.what = what;
        Files.createDirectories(root);
    }

    /** The days of the partition folders present, in no particular order. */
    public List<LocalDate> days() throws IOException {
        List<LocalDate> days = new ArrayList<>();
        try (Stream<Path> entries = Files.list(root)) {
            for (Path entry : entries.toList()) {
                if (!Files.isDirectory(entry)) {
                    continue;
                }
                try {
                    days.add(LocalDate.parse(entry.getFileName().toString()));
                } catch (DateTimeParseException e) {
                    LOG.warning("ignoring " + entry + ": not a " + what + " (expected a folder named YYYY-MM-DD)");
                }
            }
        }
        return days;
    }

    /** The WAL index of the last commit, as the file keeps it; -1 without the file. */
    public long readAppliedIndex() throws IOException {
        Path file = root.resolve(APPLIED_INDEX_FILE);
        if (!Files.exists(file)) {
            return -1;
        }
        String text = Files.readString(file).trim();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IOException(file + " is corrupt: expected a WAL index, found '" + text + "'", e);
        }
    }

    /** Replaces the file's index atomically. */
    public void writeAppliedIndex(long index) {
        Path file = root.resolve(APPLIED_INDEX_FILE);
        Path temp = root.resolve(APPLIED_INDEX_FILE + ".tmp");
        try {
            Files.writeString(temp, Long.toString(index));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Deletes a partition's folder and all in it; what cannot be deleted is logged. */
    public static void deleteRecursively(Path path) {
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not delete all of " + path, e);
        }
    }
}
