package io.sightline.storage.tsdb;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Writes one TSDB file: the {@link FileEnvelope} header, a body that is counted and checksummed as
 * it goes, then the CRC32C footer and an fsync. Not thread-safe.
 */
final class EnvelopedOutput extends OutputStream {
    private final FileChannel channel;
    private final OutputStream out;
    private final CRC32C crc = new CRC32C();
    private long position;

    EnvelopedOutput(Path file, String format, int version) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        out = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16);
        FileEnvelope.writeHeader(this, format, version);
    }

    /** Bytes written so far, header included: the offset the next byte lands at. */
    long position() {
        return position;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        crc.update(b);
        position++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        crc.update(b, off, len);
        position += len;
    }

    /** Writes the footer, forces the file to disk and closes it. */
    void finish() throws IOException {
        FileEnvelope.writeFooter(out, crc);
        out.flush();
        channel.force(true);
        out.close();
    }

    /** Closes without a footer (the caller deletes the unfinished file). */
    @Override
    public void close() throws IOException {
        if (channel.isOpen()) {
            out.close();
        }
    }
}
