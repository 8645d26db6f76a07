package io.sightline.ingest.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Where one exporter is in one signal's WAL, kept in a file so a restart resumes there: the index of
 * the last entry the target acknowledged (everything up to it was forwarded). The file holds the
 * index as decimal text and a newline; it is replaced atomically (written beside, forced, renamed),
 * so a crash leaves the old or the new position, never a torn one. Format:
 * {@code storage/docs/format/export-position.md}.
 *
 * <p>Thread-safety: {@link #save} on the exporter's thread; {@link #savedIndex()} from any thread
 * (the WAL asks it which cycle files to keep: only a saved position may release them).
 */
final class ExportPosition {
    private final Path file;
    private volatile long savedIndex;

    private ExportPosition(Path file, long savedIndex) {
        this.file = file;
        this.savedIndex = savedIndex;
    }

    /**
     * Reads the position in {@code file}; when there is none (a new exporter), starts at
     * {@code startIndex} and saves it at once, so entries acknowledged from now on are forwarded.
     *
     * @throws IllegalStateException if the file exists but does not hold a position
     */
    static ExportPosition open(Path file, long startIndex) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            try {
                return new ExportPosition(file, Long.parseLong(text));
            } catch (NumberFormatException e) {
                throw new IllegalStateException("export position file " + file + " does not hold a WAL index: \""
                        + text.substring(0, Math.min(40, text.length())) + "\"; delete it to restart that exporter from the WAL's end");
            }
        } catch (NoSuchFileException e) {
            ExportPosition position = new ExportPosition(file, startIndex);
            position.save(startIndex);
            return position;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read export position " + file, e);
        }
    }

    long savedIndex() {
        return savedIndex;
    }

    /** Takes the position from the file again (another tailer of the same exporter may have saved since). */
    void reread() {
        try {
            savedIndex = open(file, savedIndex).savedIndex;
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            // keep the position read when this was opened: it is a safe, earlier point
        }
    }

    /** Durably records that every entry up to {@code index} was forwarded. */
    void save(long index) {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap((index + "\n").getBytes(StandardCharsets.US_ASCII)));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save export position " + file, e);
        }
        savedIndex = index;
    }
}
