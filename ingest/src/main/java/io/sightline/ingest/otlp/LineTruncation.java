package io.sightline.ingest.otlp;

/**
 * Cuts log bodies longer than a limit, whatever receiver they came through (OTLP, Loki push): the
 * kept text ends with {@value #MARKER}, and the result, marker included, is at most
 * {@link #maxBytes()} UTF-8 bytes, cut on a character boundary (a limit under twice the marker's
 * length cuts without it). Applied when the logs applier maps WAL entries to store records, so the WAL keeps what
 * was received. Thread-safe if the listener is.
 */
public final class LineTruncation {
    /** Appended to every cut body, so a reader knows the line went on. */
    public static final String MARKER = " [truncated]";
    /** Loki's {@code max_line_size} default, 256 KiB. */
    public static final int DEFAULT_MAX_BYTES = 256 * 1024;
    private static final int MARKER_BYTES = MARKER.length();

    private final int maxBytes;
    private final Listener listener;

    /** Told of each cut, e.g. to count it in {@code /metrics}. */
    @FunctionalInterface
    public interface Listener {
        /** @param removedBytes UTF-8 bytes of the original body not kept (the marker not subtracted) */
        void truncated(long removedBytes);
    }

    /** @param maxBytes largest body kept, UTF-8 bytes, > 0 ({@code logs.max-line-bytes}) */
    public LineTruncation(int maxBytes, Listener listener) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("logs.max-line-bytes must be > 0, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.listener = listener;
    }

    /** The default limit, telling nobody. */
    public static LineTruncation defaults() {
        return new LineTruncation(DEFAULT_MAX_BYTES, removed -> { });
    }

    public int maxBytes() {
        return maxBytes;
    }

    /** {@code body} itself when within the limit, else its cut form. */
    public String apply(String body) {
        // Every char is at most 3 UTF-8 bytes (a surrogate pair 4 for 2 chars): short bodies need no count.
        if ((long) body.length() * 3 <= maxBytes) {
            return body;
        }
        boolean marked = maxBytes >= 2 * MARKER_BYTES;
        int keep = marked ? maxBytes - MARKER_BYTES : maxBytes;
        long bytes = 0;
        long keptBytes = 0;
        int cut = -1;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            int width;
            if (c < 0x80) {
                width = 1;
            } else if (c < 0x800) {
                width = 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < body.length() && Character.isLowSurrogate(body.charAt(i + 1))) {
                width = 4;
            } else {
                width = 3;
            }
            if (cut < 0 && bytes + width > keep) {
                cut = i;
                keptBytes = bytes;
            }
            bytes += width;
            if (width == 4) {
                i++;
            }
        }
        if (bytes <= maxBytes) {
            return body;
        }
        listener.truncated(bytes - keptBytes);
        String kept = body.substring(0, cut);
        return marked ? kept + MARKER : kept;
    }
}
