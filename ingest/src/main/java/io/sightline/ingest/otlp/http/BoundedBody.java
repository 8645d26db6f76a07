package io.sightline.ingest.otlp.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a request body of at most a limit. When the client announced the length (and the body is
 * not compressed, so the announcement is the decoded size) the body lands in one array of that size
 * with no copy; {@link InputStream#readNBytes(int)} would read it in chunks and copy them together.
 * Stateless.
 */
public final class BoundedBody {
    /** First buffer when the length is not known (bytes); it doubles up to the limit. */
    static final int UNKNOWN_LENGTH_BUFFER = 8192;

    private BoundedBody() {
    }

    /**
     * The whole stream, or null if it holds more than {@code limit} bytes (reads at most limit + 1).
     *
     * @param expected the announced length, or -1; only a hint for the buffer, never trusted
     */
    public static byte[] read(InputStream in, int limit, long expected) throws IOException {
        int capacity = expected >= 0 ? (int) Math.min(expected, limit) : Math.min(UNKNOWN_LENGTH_BUFFER, limit);
        byte[] body = new byte[capacity];
        int size = 0;
        while (true) {
            if (size == body.length) {
                int next = in.read();
                if (next < 0) {
                    return body;
                }
                if (size == limit) {
                    return null;
                }
                body = Arrays.copyOf(body, (int) Math.min(limit, Math.max(2L * size, UNKNOWN_LENGTH_BUFFER)));
                body[size++] = (byte) next;
                continue;
            }
            int read = in.read(body, size, body.length - size);
            if (read < 0) {
                return Arrays.copyOf(body, size);
            }
            size += read;
        }
    }
}
