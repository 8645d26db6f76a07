package io.sightline.storage.tsdb;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The frame every binary TSDB file has (drawn in docs/format/tsdb-chunks.md): a header of magic,
 * format name and version, the body, and a CRC32C of everything before the four footer bytes.
 */
final class FileEnvelope {
    /** "SLTS": Sightline time series. */
    static final int MAGIC = 0x534c5453;
    static final int FOOTER_BYTES = 4;

    private FileEnvelope() {
    }

    /** Writes the header; the caller's stream must feed the CRC32C that {@link #writeFooter} ends with. */
    static void writeHeader(OutputStream out, String format, int version) throws IOException {
        byte[] name = format.getBytes(StandardCharsets.US_ASCII);
        out.write(new byte[]{(byte) (MAGIC >>> 24), (byte) (MAGIC >>> 16), (byte) (MAGIC >>> 8), (byte) MAGIC,
                (byte) name.length});
        out.write(name);
        out.write(new byte[]{(byte) (version >>> 8), (byte) version});
    }

    static int headerBytes(String format) {
        return 4 + 1 + format.length() + 2;
    }

    static void writeFooter(OutputStream raw, CRC32C crc) throws IOException {
        int value = (int) crc.getValue();
        raw.write(new byte[]{(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    /**
     * Checks header and footer of a whole file in {@code bytes} (position 0 .. limit) and returns
     * the body's version; afterwards the buffer's position is at the body.
     *
     * @throws CorruptFileException naming the file, expected and actual
     */
    static int check(Path file, ByteBuffer bytes, String format, int minVersion, int maxVersion) {
        int size = bytes.limit();
        int header = headerBytes(format);
        if (size < header + FOOTER_BYTES) {
            throw new CorruptFileException(file, "at least " + (header + FOOTER_BYTES) + " bytes", size + " bytes");
        }
        int magic = bytes.getInt(0);
        if (magic != MAGIC) {
            throw new CorruptFileException(file, "magic " + Integer.toHexString(MAGIC), "magic " + Integer.toHexString(magic));
        }
        int nameLength = bytes.get(4) & 0xff;
        byte[] name = new byte[Math.min(nameLength, size - 5)];
        bytes.get(5, name);
        String actual = new String(name, StandardCharsets.US_ASCII);
        if (!actual.equals(format)) {
            throw new CorruptFileException(file, "format " + format, "format " + actual);
        }
        int version = bytes.getShort(5 + nameLength) & 0xffff;
        if (version < minVersion || version > maxVersion) {
            throw new CorruptFileException(file, "version " + minVersion + ".." + maxVersion, "version " + version);
        }
        CRC32C crc = new CRC32C();
        ByteBuffer covered = bytes.duplicate().position(0).limit(size - FOOTER_BYTES);
        crc.update(covered);
        int stored = bytes.getInt(size - FOOTER_BYTES);
        if (stored != (int) crc.getValue()) {
            throw new CorruptFileException(file, "CRC32C " + Integer.toHexString((int) crc.getValue()),
                    "CRC32C " + Integer.toHexString(stored));
        }
        bytes.position(header);
        return version;
    }
}
