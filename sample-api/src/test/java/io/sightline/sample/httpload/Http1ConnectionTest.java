package io.sightline.sample.httpload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hand-written client against a scripted server socket: each accepted connection answers its
 * list of canned responses, one per request read, then closes.
 */
class Http1ConnectionTest {

    private final ServerSocket server;
    private final Deque<List<String>> scripts = new ArrayDeque<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    Http1ConnectionTest() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(this::accept);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        acceptor.join();
    }

    private void accept() {
        while (true) {
            try {
                Socket s = server.accept();
                accepted.incrementAndGet();
                List<String> script;
                synchronized (scripts) {
                    script = scripts.isEmpty() ? List.of() : scripts.poll();
                }
                Thread.ofVirtual().start(() -> serve(s, script));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket s, List<String> script) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            for (String response : script) {
                String request = readRequest(in);
                if (request == null) {
                    return;
                }
                requests.add(request);
                out.write(response.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        } catch (IOException ignored) {
            // the client went away
        }
    }

    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            String h = head.toString(StandardCharsets.ISO_8859_1);
            if (h.endsWith("\r\n\r\n")) {
                int at = h.toLowerCase().indexOf("content-length: ");
                int length = at < 0 ? 0 : Integer.parseInt(h.substring(at + 16, h.indexOf('\r', at)));
                return h + new String(in.readNBytes(length), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private void script(String... responses) {
        synchronized (scripts) {
            scripts.add(List.of(responses));
        }
    }

    private Http1Connection connection(int maxBody) {
        return new Http1Connection("127.0.0.1", server.getLocalPort(), false, Duration.ofSeconds(2),
                Duration.ofSeconds(5), maxBody);
    }

    private static int send(Http1Connection c, String request) throws IOException {
        byte[] b = request.getBytes(StandardCharsets.UTF_8);
        return c.exchange(b, b.length, request.startsWith("HEAD"));
    }

    private static String body(Http1Connection c) {
        return new String(c.body(), 0, c.bodyLength(), StandardCharsets.UTF_8);
    }

    private static final String GET = "GET /x HTTP/1.1\r\nHost: h\r\n\r\n";

    @Test
    void keepsTheConnectionAcrossContentLengthAnswers() throws IOException {
        script("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
                "HTTP/1.1 404 Not Found\r\ncontent-length:  2\r\nX-A: b\r\n\r\nno");
        try (Http1Connection c = connection(100)) {
            assertThat(send(c, GET)).isEqualTo(200);
            assertThat(body(c)).isEqualTo("hello");
            assertThat(send(c, GET)).isEqualTo(404);
            assertThat(body(c)).isEqualTo("no");
        }
        assertThat(accepted).hasValue(1);
    }

    @Test
    void readsChunkedBodiesWithExtensionsAndTrailers() throws IOException {
        script("HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4;ext=1\r\n{\"id\r\n7\r\n\":\"o-1\"\r\n1\r\n}\r\n0\r\nX-Trailer: t\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        try (Http1Connection c = connection(100)) {
            assertThat(send(c, "POST /o HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n{}")).isEqualTo(201);
            assertThat(body(c)).isEqualTo("{\"id\":\"o-1\"}");
            assertThat(send(c, GET)).isEqualTo(200);
        }
        assertThat(accepted).hasValue(1);
        assertThat(requests.getFirst()).endsWith("\r\n\r\n{}");
    }

    @Test
    void aBodyEndedByTheCloseOrConnectionCloseReconnects() throws IOException {
        script("HTTP/1.1 200 OK\r\n\r\nuntil the end");
        script("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\na");
        script("HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nb");
        script("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nc");
        try (Http1Connection c = connection(100)) {
            assertThat(send(c, GET)).isEqualTo(200);
            assertThat(body(c)).isEqualTo("until the end");
            assertThat(send(c, GET)).isEqualTo(200);
            assertThat(send(c, GET)).isEqualTo(200);
            assertThat(send(c, GET)).isEqualTo(200);
            assertThat(body(c)).isEqualTo("c");
        }
        assertThat(accepted).hasValue(4);
    }

    @Test
    void skipsInterimAnswersAndBodilessOnes() throws IOException {
        script("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n",
                "HTTP/1.1 304 Not Modified\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nend");
        try (Http1Connection c = connection(100)) {
            assertThat(send(c, GET)).isEqualTo(204);
            assertThat(send(c, "HEAD /x HTTP/1.1\r\nHost: h\r\n\r\n")).isEqualTo(200);
            assertThat(c.bodyLength()).isZero();
            assertThat(send(c, GET)).isEqualTo(304);
            assertThat(send(c, GET)).isEqualTo(200);
            assertThat(body(c)).isEqualTo("end");
        }
        assertThat(accepted).hasValue(1);
    }

    @Test
    void keepsOnlyTheStartOfALongBody() throws IOException {
        String big = "x".repeat(100_000);
        script("HTTP/1.1 200 OK\r\nContent-Length: " + big.length() + "\r\n\r\n" + big,
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        try (Http1Connection c = connection(16)) {
            assertThat(send(c, GET)).isEqualTo(200);
            assertThat(body(c)).isEqualTo("x".repeat(16));
            assertThat(send(c, GET)).isEqualTo(200);
            assertThat(body(c)).isEqualTo("ok");
        }
    }

    @Test
    void resendsOnceWhenAKeptConnectionWasClosedByTheServer() throws IOException {
        script("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na"); // then closes without saying so
        script("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb");
        try (Http1Connection c = connection(100)) {
            assertThat(send(c, GET)).isEqualTo(200);
            assertThat(send(c, GET)).isEqualTo(200);
            assertThat(body(c)).isEqualTo("b");
        }
        assertThat(accepted).hasValue(2);
    }

    @Test
    void failsOnGarbageAndOnATruncatedBody() throws IOException {
        script("SSH-2.0-OpenSSH\r\n\r\n");
        script("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        try (Http1Connection c = connection(100)) {
            assertThatThrownBy(() -> send(c, GET)).isInstanceOf(IOException.class).hasMessageContaining("status line");
            assertThatThrownBy(() -> send(c, GET)).isInstanceOf(IOException.class)
                    .hasMessageContaining("in the middle of a body");
        }
    }
}
