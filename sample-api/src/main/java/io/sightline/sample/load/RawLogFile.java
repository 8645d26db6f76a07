package io.sightline.sample.load;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code --raw-out} file: every acknowledged backfill record as a {@link RawLogLines} line.
 * Senders append whole requests' lines, so lines never interleave; requests finish out of order,
 * so the file is in time order only within a request. Thread-safe.
 */
final class RawLogFile implements AutoCloseable {

    private static final int BUFFER_CHARS = 1 << 20;

    private final Path path;
    private final BufferedWriter writer;

    RawLogFile(Path path) throws IOException {
        this.path = path;
        this.writer = new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(path), StandardCharsets.UTF_8), BUFFER_CHARS);
    }

    /** Appends {@code lines} (already ending in a line break). */
    synchronized void write(CharSequence lines) {
        try {
            writer.append(lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        writer.close();
    }
}
