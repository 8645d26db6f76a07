package io.sightline.query.alerting.notify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.zip.CRC32C;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The frame the notifier's state files share ({@code silences.json}, {@code nflog.json}; drawn in
 * storage/docs/format/): UTF-8 text lines, a header {@code <magic> <version>}, one JSON object per line,
 * and a footer {@code crc32c <8 hex digits>} over every byte before it. Written whole to
 * {@code <name>.tmp}, forced to disk, then moved over the old file, so a crash leaves the old or the new
 * file, never half of one. A reader accepts this one version and refuses anything else with an
 * {@link IllegalStateException} naming the file, the format and what was wrong. Not thread-safe: its
 * owner serializes writes.
 */
final class ChecksummedLinesFile {
    private static final String FOOTER = "crc32c ";

    private final Path path;
    private final String magic;
    private final int version;
    private final String what;

    /**
     * @param what the file's contents in error messages ("silences", "notification log")
     */
    ChecksummedLinesFile(Path path, String magic, int version, String what) {
        this.path = path;
        this.magic = magic;
        this.version = version;
        this.what = what;
    }

    Path path() {
        return path;
    }

    /**
     * Every line between header and footer, decoded in order; empty when there is no file.
     *
     * @throws UncheckedIOException  when the file cannot be read
     * @throws IllegalStateException naming the file when a frame check or {@code decode} fails (with the line)
     */
    <T> List<T> read(Function<JsonObject, T> decode) {
        if (!Files.exists(path)) {
            return List.of();
        }
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        int footerAt = text.lastIndexOf("\n" + FOOTER) + 1;
        if (footerAt <= 0 || !text.endsWith("\n")) {
            throw corrupt("no checksum footer");
        }
        String expected = text.substring(footerAt + FOOTER.length(), text.length() - 1);
        String actual = crc(text.substring(0, footerAt));
        if (!expected.equals(actual)) {
            throw corrupt("checksum expected " + expected + ", actual " + actual);
        }
        String[] lines = text.substring(0, footerAt).split("\n");
        String header = magic + " " + version;
        if (!lines[0].equals(header)) {
            throw corrupt("header expected '" + header + "', actual '" + lines[0] + "'");
        }
        List<T> out = new ArrayList<>(lines.length - 1);
        for (int i = 1; i < lines.length; i++) {
            try {
                out.add(decode.apply(JsonParser.parseString(lines[i]).getAsJsonObject()));
            } catch (RuntimeException e) {
                throw corrupt("line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return out;
    }

    /**
     * Replaces the file by one holding {@code lines} (each one JSON object without line breaks).
     *
     * @throws UncheckedIOException when it cannot be written; the old file is then left as it was
     */
    void write(List<String> lines) {
        StringBuilder text = new StringBuilder(64 + 256 * lines.size());
        text.append(magic).append(' ').append(version).append('\n');
        for (String line : lines) {
            text.append(line).append('\n');
        }
        String checksum = crc(text.toString());
        text.append(FOOTER).append(checksum).append('\n');
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        try {
            Files.createDirectories(path.getParent());
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            try {
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    private static String crc(String text) {
        CRC32C crc = new CRC32C();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }

    private IllegalStateException corrupt(String why) {
        return new IllegalStateException("corrupt " + what + " file " + path + " (format " + magic + " version "
                + version + "): " + why);
    }
}
