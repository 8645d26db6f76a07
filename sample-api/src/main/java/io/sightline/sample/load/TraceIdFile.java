package io.sightline.sample.load;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code --trace-ids-out} file: the 32-hex-digit id of every trace in an acknowledged request,
 * one a line, for the by-id benchmark to sample and for "is the last trace searchable yet".
 * Senders append a whole request's ids at once, so lines never interleave; requests finish out of
 * order, so the file's order is that of the answers. Thread-safe.
 */
final class TraceIdFile implements AutoCloseable {

    private static final int BUFFER_CHARS = 1 << 16;

    private final Path path;
    private final BufferedWriter writer;

    TraceIdFile(Path path) throws IOException {
        this.path = path;
        this.writer = new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(path), StandardCharsets.US_ASCII), BUFFER_CHARS);
    }

    /** Appends the ids of {@code body}'s traces as sent with {@code mask}. */
    synchronized void write(SpanBody body, SpanBody.IdMask mask) {
        try {
            for (int t = 0; t < body.traces(); t++) {
                writer.append(body.traceIdHex(t, mask)).append('\n');
            }
            writer.flush(); // the bench reads the newest ids while the run goes on
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        writer.close();
    }
}
