package io.sightline.sample.httpload;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import javax.net.ssl.SSLSocketFactory;

/**
 * One keep-alive HTTP/1.1 connection, written for the load generator's hot path: a request is one
 * socket write of bytes the caller built, a response is parsed from one reusable read buffer, and
 * only the first {@code maxBodyBytes} of a body are kept (enough to read an order id); the rest is
 * read and dropped. It handles what servers answer to such requests: {@code Content-Length},
 * {@code Transfer-Encoding: chunked}, bodies ended by the close, {@code Connection: close},
 * interim 1xx answers, and bodiless answers (HEAD, 204, 304). It does not pipeline, follow
 * redirects or decompress. The README's "Why" section says why not {@code java.net.http}.
 *
 * <p>Connects lazily and again after any error or close. A request on a reused connection that the
 * server had already closed (no byte of an answer) is sent once more on a new one, as browsers and
 * HTTP clients do with stale keep-alive connections.
 *
 * <p>Not thread-safe: one virtual user owns it. {@link #close()} may be called from another thread
 * to abort a blocked exchange.
 */
final class Http1Connection implements Closeable {

    /** Longest status or header line accepted; longer is a protocol error. */
    private static final int MAX_LINE = 16 * 1024;

    private final String host;
    private final int port;
    private final boolean tls;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final byte[] buffer = new byte[16 * 1024];
    private final byte[] line = new byte[MAX_LINE];
    private final byte[] body;
    private int lineLength;
    private int position;
    private int limit;
    private int bodyLength;
    private volatile Socket socket;
    private InputStream in;
    private OutputStream out;
    private boolean reused;
    private long responseBytes;

    /**
     * @param maxBodyBytes the most of a body kept for {@link #body()}; more is read and dropped
     */
    Http1Connection(String host, int port, boolean tls, Duration connectTimeout, Duration readTimeout, int maxBodyBytes) {
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
        this.readTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis());
        this.body = new byte[maxBodyBytes];
    }

    /**
     * Sends {@code length} bytes of {@code request} (head and body, as built by the caller) and reads
     * the answer.
     *
     * @param head whether the request was a HEAD (its answer has no body whatever it says)
     * @return the final status code; the kept body is then {@link #body()}
     * @throws IOException when no complete answer came; the connection is closed then
     */
    int exchange(byte[] request, int length, boolean head) throws IOException {
        boolean retry = reused;
        try {
            return attempt(request, length, head);
        } catch (IOException e) {
            closeQuietly();
            if (retry && responseBytes == 0 && !(e instanceof java.net.SocketTimeoutException)) {
                try {
                    return attempt(request, length, head);
                } catch (IOException again) {
                    closeQuietly();
                    throw again;
                }
            }
            throw e;
        }
    }

    private int attempt(byte[] request, int length, boolean head) throws IOException {
        if (socket == null) {
            open();
        }
        responseBytes = 0;
        out.write(request, 0, length);
        out.flush();
        int status;
        boolean close;
        do {
            status = readStatusLine();
            close = readHeadersAndBody(status, head);
        } while (status >= 100 && status < 200 && status != 101);
        if (close) {
            closeQuietly();
        } else {
            reused = true;
        }
        return status;
    }

    /** The first bytes of the last answer's body (at most maxBodyBytes); valid until the next exchange. */
    byte[] body() {
        return body;
    }

    int bodyLength() {
        return bodyLength;
    }

    private void open() throws IOException {
        Socket s = tls ? SSLSocketFactory.getDefault().createSocket() : new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            s.setSoTimeout(readTimeoutMillis);
            s.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            in = s.getInputStream();
            out = s.getOutputStream();
        } catch (IOException e) {
            s.close();
            throw e;
        }
        socket = s;
        reused = false;
        position = 0;
        limit = 0;
    }

    private int readStatusLine() throws IOException {
        readLine();
        // "HTTP/1.1 200 OK": the code is the three digits after the first space
        int space = indexOf(line, lineLength, (byte) ' ');
        if (lineLength < 12 || line[0] != 'H' || space < 0 || space + 4 > lineLength) {
            throw new IOException("not an HTTP/1.x status line: " + new String(line, 0, Math.min(lineLength, 80),
                    java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        int code = 0;
        for (int i = space + 1; i < space + 4; i++) {
            int d = line[i] - '0';
            if (d < 0 || d > 9) {
                throw new IOException("bad status code in the status line");
            }
            code = code * 10 + d;
        }
        return code;
    }

    /** Reads the headers and the body; returns whether the connection must close afterwards. */
    private boolean readHeadersAndBody(int status, boolean head) throws IOException {
        long contentLength = -1;
        boolean chunked = false;
        boolean close = line[7] == '0'; // HTTP/1.0 closes unless asked otherwise; we never ask
        while (true) {
            readLine();
            if (lineLength == 0) {
                break;
            }
            if (startsWithIgnoreCase("content-length:")) {
                contentLength = parseDecimal(15);
            } else if (startsWithIgnoreCase("transfer-encoding:")) {
                chunked = containsIgnoreCase("chunked");
            } else if (startsWithIgnoreCase("connection:")) {
                close = containsIgnoreCase("close");
            }
        }
        bodyLength = 0;
        if (head || (status >= 100 && status < 200) || status == 204 || status == 304) {
            return close;
        }
        if (chunked) {
            readChunked();
        } else if (contentLength >= 0) {
            readBody(contentLength);
        } else {
            readBody(Long.MAX_VALUE); // until the server closes
            return true;
        }
        return close;
    }

    private void readChunked() throws IOException {
        while (true) {
            readLine();
            long size = 0;
            int digits = 0;
            for (int i = 0; i < lineLength; i++) {
                int d = Character.digit(line[i], 16);
                if (d < 0) {
                    break; // a chunk extension or spaces follow
                }
                size = size * 16 + d;
                if (++digits > 15) {
                    throw new IOException("chunk size too large");
                }
            }
            if (digits == 0) {
                throw new IOException("bad chunk size line");
            }
            if (size == 0) {
                do {
                    readLine(); // trailers, up to the empty line
                } while (lineLength > 0);
                return;
            }
            readBody(size);
            readLine(); // the CRLF after the chunk
        }
    }

    /** Reads {@code n} body bytes (or until the end of the stream for Long.MAX_VALUE), keeping the first. */
    private void readBody(long n) throws IOException {
        long left = n;
        while (left > 0) {
            if (position == limit && !fill()) {
                if (n == Long.MAX_VALUE) {
                    return;
                }
                throw new EOFException("connection closed in the middle of a body");
            }
            int take = (int) Math.min(left, limit - position);
            int keep = Math.min(take, body.length - bodyLength);
            if (keep > 0) {
                System.arraycopy(buffer, position, body, bodyLength, keep);
                bodyLength += keep;
            }
            position += take;
            left -= take;
        }
    }

    /** Reads one line without its CR LF into {@link #line}. */
    private void readLine() throws IOException {
        lineLength = 0;
        while (true) {
            if (position == limit && !fill()) {
                throw new EOFException(responseBytes == 0
                        ? "connection closed before an answer" : "connection closed in the middle of an answer");
            }
            byte b = buffer[position++];
            if (b == '\n') {
                if (lineLength > 0 && line[lineLength - 1] == '\r') {
                    lineLength--;
                }
                return;
            }
            if (lineLength == MAX_LINE) {
                throw new IOException("header line longer than " + MAX_LINE + " bytes");
            }
            line[lineLength++] = b;
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        responseBytes += n;
        return true;
    }

    private boolean startsWithIgnoreCase(String prefix) {
        if (lineLength < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (Character.toLowerCase(line[i]) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean containsIgnoreCase(String word) {
        outer:
        for (int i = 0; i + word.length() <= lineLength; i++) {
            for (int j = 0; j < word.length(); j++) {
                if (Character.toLowerCase(line[i + j]) != word.charAt(j)) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private long parseDecimal(int from) throws IOException {
        long v = 0;
        int digits = 0;
        for (int i = from; i < lineLength; i++) {
            byte b = line[i];
            if (b == ' ' || b == '\t') {
                continue;
            }
            if (b < '0' || b > '9' || ++digits > 18) {
                throw new IOException("bad Content-Length");
            }
            v = v * 10 + (b - '0');
        }
        if (digits == 0) {
            throw new IOException("empty Content-Length");
        }
        return v;
    }

    private static int indexOf(byte[] bytes, int length, byte b) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private void closeQuietly() {
        Socket s = socket;
        socket = null;
        reused = false;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing after an error: nothing left to save
            }
        }
    }

    /** Closes the socket; a blocked exchange in the owning thread fails with an IOException. */
    @Override
    public void close() {
        closeQuietly();
    }
}
