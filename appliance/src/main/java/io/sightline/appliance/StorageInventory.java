package io.sightline.appliance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.sightline.ingest.Signal;
import io.sightline.storage.tsdb.Tsdb;
import io.sightline.storage.wal.WriteAheadLog;
import io.sightline.ui.ApplianceStatus.StoragePartition;

/**
 * The stores' partitions and their sizes, as the status page lists them: for metrics the TSDB's
 * blocks (with their samples) and its in-memory head (its series), for logs and traces each day's
 * partition directory, and every signal's WAL. Log and trace partitions are measured on disk (the
 * stores count only their totals), so their item counts are unknown (-1); a directory that
 * disappears while it is measured (retention) counts what was left. Thread-safe; each call reads the
 * disk anew (tens of files per partition).
 */
final class StorageInventory {
    private final Map<Signal, WriteAheadLog> wals;
    private final Tsdb tsdb;
    private final Path logs;
    private final Path traces;

    /**
     * @param logs   the log store's directory (a partition per UTC day, named yyyy-MM-dd)
     * @param traces the trace store's directory (the same layout)
     */
    StorageInventory(Map<Signal, WriteAheadLog> wals, Tsdb tsdb, Path logs, Path traces) {
        this.wals = wals;
        this.tsdb = tsdb;
        this.logs = logs;
        this.traces = traces;
    }

    /** Metrics, then logs, then traces; within a signal oldest first, the head and the WAL last. */
    List<StoragePartition> partitions() {
        List<StoragePartition> out = new ArrayList<>();
        for (Tsdb.BlockInfo block : tsdb.blocks()) {
            out.add(new StoragePartition("metrics", "block " + Instant.ofEpochMilli(block.minTime()) + " – "
                    + Instant.ofEpochMilli(block.maxTime()) + " (level " + block.level() + ")", block.sizeBytes(),
                    block.samples()));
        }
        out.add(new StoragePartition("metrics", "head (in memory)", 0, tsdb.headSeries()));
        addWal(out, Signal.METRICS);
        addDays(out, "logs", logs);
        addWal(out, Signal.LOGS);
        addDays(out, "traces", traces);
        addWal(out, Signal.TRACES);
        return out;
    }

    private void addWal(List<StoragePartition> out, Signal signal) {
        WriteAheadLog wal = wals.get(signal);
        if (wal != null) {
            out.add(new StoragePartition(signal.walName(), "WAL", wal.sizeBytes(), -1));
        }
    }

    /** A partition per day directory; everything else in the store's directory as one "other" row. */
    private static void addDays(List<StoragePartition> out, String signal, Path directory) {
        Map<LocalDate, Long> days = new TreeMap<>();
        long other = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                LocalDate day = day(entry.getFileName().toString());
                if (day != null && Files.isDirectory(entry)) {
                    days.put(day, sizeOf(entry));
                } else {
                    other += sizeOf(entry);
                }
            }
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        days.forEach((day, bytes) -> out.add(new StoragePartition(signal, day.toString(), bytes, -1)));
        if (other > 0) {
            out.add(new StoragePartition(signal, "other (catalogues, locks)", other, -1));
        }
    }

    private static LocalDate day(String name) {
        try {
            return LocalDate.parse(name);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Bytes of the regular files under {@code path}; files deleted meanwhile count 0. */
    static long sizeOf(Path path) {
        try (Stream<Path> files = Files.walk(path)) {
            return files.mapToLong(StorageInventory::fileSize).sum();
        } catch (NoSuchFileException | UncheckedIOException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + path, e);
        }
    }

    private static long fileSize(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.isRegularFile() ? attributes.size() : 0;
        } catch (IOException e) {
            return 0; // deleted between the listing and the read (a merge, retention)
        }
    }
}
