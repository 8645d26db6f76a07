package io.sightline.storage.logs;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * Where a page of results ended: the last record's time, WAL index and position, as an opaque URL-safe
 * token. Results are ordered by those three descending, and together they are unique, so a cursor is stable.
 */
record LogCursor(long timeNanos, long walIndex, long position) {
    String encode() {
        ByteBuffer buffer = ByteBuffer.allocate(24).putLong(timeNanos).putLong(walIndex).putLong(position);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    static LogCursor decode(String token) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            bytes = new byte[0];
        }
        if (bytes.length != 24) {
            throw new IllegalArgumentException("invalid cursor '" + token + "': pass back the 'next' value of the previous page");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new LogCursor(buffer.getLong(), buffer.getLong(), buffer.getLong());
    }
}
