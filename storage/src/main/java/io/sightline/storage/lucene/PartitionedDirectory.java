package io.sightline.storage.traces;

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
 * The trace store's folder: one sub-folder per day partition, and the {@code applied-wal-index}
 * file that keeps the last committed WAL index when retention has left no partition to carry it.
 * Not thread-safe; the store calls it under its write lock or at open.
 */
final class TraceStoreDirectory {
    private static final Logger LOG = Logger.getLogger(TraceStoreDirectory.class.getName());
    private static final String APPLIED_INDEX_FILE = "applied-wal-index";

    private final Path root;

    TraceStoreDirectory(Path root) throws IOException {
        this.root = root;
        Files.createDirectories(root);
    }

    /** The days of the partition folders present, in no particular order. */
    List<LocalDate> days() throws IOException {
        List<LocalDate> days = new ArrayList<>();
        try (Stream<Path> entries = Files.list(root)) {
            for (Path entry : entries.toList()) {
                if (!Files.isDirectory(entry)) {
                    continue;
                }
                try {
                    days.add(LocalDate.parse(entry.getFileName().toString()));
                } catch (DateTimeParseException e) {
                    LOG.warning("ignoring " + entry + ": not a trace partition (expected a folder named YYYY-MM-DD)");
                }
            }
        }
        return days;
    }

    /** The WAL index of the last commit, as the file keeps it; -1 without the file. */
    long readAppliedIndex() throws IOException {
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
    void writeAppliedIndex(long index) {
        Path file = root.resolve(APPLIED_INDEX_FILE);
        Path temp = root.resolve(APPLIED_INDEX_FILE + ".tmp");
        try {
            Files.writeString(temp, Long.toString(index));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static void deleteRecursively(Path path) {
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not delete all of " + path, e);
        }
    }
}
