package io.sightline.appliance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one folder that holds everything Sightline stores, and its layout:
 * <pre>
 * DATA_DIR/
 *   lock                 held while an appliance uses the folder
 *   wal/logs/            Chronicle Queue cycle files of the logs WAL (+ metadata.cq4t)
 *   wal/metrics/         ... of the metrics WAL
 *   wal/traces/          ... of the traces WAL
 *   logs/YYYY-MM-DD/     one Lucene index per UTC day of log records
 *   logs/applied-wal-index
 *   alerting/silences.json   the built-in notifier's silences (query's SilencesFile)
 *   alerting/nflog.json      its notification log (query's NotificationLogFile)
 *   export/NAME/SIGNAL.position  how far exporter NAME has forwarded SIGNAL's WAL (ingest's ExportPosition)
 * </pre>
 * Opening takes an exclusive lock, so a second appliance on the same folder stops with a clear error
 * instead of corrupting it.
 */
final class DataDirectory implements AutoCloseable {
    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    static DataDirectory open(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
        } catch (IOException e) {
            throw new ConfigException("cannot create data directory " + absolute + " (data-dir): " + e.getMessage());
        }
        if (!Files.isWritable(absolute)) {
            throw new ConfigException("data directory " + absolute + " (data-dir) is not writable");
        }
        try {
            FileChannel channel = FileChannel.open(absolute.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new ConfigException("data directory " + absolute + " is in use by another Sightline; "
                        + "stop it or choose another --data-dir");
            }
            return new DataDirectory(absolute, channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock data directory " + absolute, e);
        }
    }

    Path root() {
        return root;
    }

    Path wal(String signal) {
        return root.resolve("wal").resolve(signal);
    }

    Path logs() {
        return root.resolve("logs");
    }

    Path traces() {
        return root.resolve("traces");
    }

    Path export() {
        return root.resolve("export");
    }

    Path metrics() {
        return root.resolve("metrics");
    }

    long freeBytes() {
        return root.toFile().getUsableSpace();
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
