package io.sightline.sample.load;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many scrape targets in one process, for {@code bin/bench scrape}: {@code --targets} listening
 * sockets on 127.0.0.1 (ephemeral ports), each a target of its own (its own {@code host:port},
 * so its own {@code instance}) answering any {@code GET} with its {@link ScrapeTargetPage} of
 * {@code --series} series in the text format 0.0.4. The addresses go to {@code --addresses} one
 * a line once all listen. Plain HTTP/1.1 with keep-alive on virtual threads (Prometheus and
 * Sightline keep their connections); the process runs until killed.
 */
public final class ScrapeTargetServer {
    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

    private final ScrapeTargetPage page;
    private final AtomicLong[] scrapes;

    private ScrapeTargetServer(int targets, int series) {
        this.page = new ScrapeTargetPage(series);
        this.scrapes = new AtomicLong[targets];
        for (int t = 0; t < targets; t++) {
            scrapes[t] = new AtomicLong();
        }
    }

    public static void main(String[] args) throws Exception {
        int[] targets = {1000};
        int[] series = {1000};
        Path[] addresses = {null};
        boolean help = CommandLine.read(args, a -> false, (name, value) -> {
            switch (name) {
                case "--targets" -> targets[0] = CommandLine.intNumber(name, value);
                case "--series" -> series[0] = CommandLine.intNumber(name, value);
                case "--addresses" -> addresses[0] = Path.of(value);
                default -> throw new IllegalArgumentException("unknown flag " + name);
            }
        });
        if (help || addresses[0] == null || targets[0] < 1 || series[0] < 1) {
            PrintStream out = help ? System.out : System.err;
            out.println("Usage: ScrapeTargetServer --addresses FILE [--targets 1000] [--series 1000]");
            System.exit(help ? 0 : 2);
        }
        new ScrapeTargetServer(targets[0], series[0]).serve(addresses[0]);
    }

    private void serve(Path addresses) throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int t = 0; t < scrapes.length; t++) {
            ServerSocket socket = new ServerSocket(0, 512, loopback);
            lines.add(loopback.getHostAddress() + ":" + socket.getLocalPort());
            int target = t;
            Thread.ofVirtual().name("target-" + t).start(() -> accept(socket, target));
        }
        Path partial = addresses.resolveSibling(addresses.getFileName() + ".partial");
        Files.write(partial, lines, StandardCharsets.UTF_8);
        Files.move(partial, addresses, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.out.println("serving " + scrapes.length + " targets; addresses in " + addresses);
        new CountDownLatch(1).await(); // until killed
    }

    private void accept(ServerSocket server, int target) {
        while (true) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> answer(socket, target));
            } catch (IOException e) {
                System.err.println("target " + target + ": accept failed: " + e);
                return;
            }
        }
    }

    /** Answers requests on one connection until the client closes it. */
    private void answer(Socket socket, int target) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream(), 8 * 1024);
                OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024)) {
            while (skipRequest(in)) {
                byte[] body = page.render(target, scrapes[target].getAndIncrement());
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\nContent-Length: "
                        + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            }
        } catch (IOException e) {
            // the client went away mid-request: nothing to do
        }
    }

    /** Reads one request's head (a GET has no body); false at the end of the connection. */
    private static boolean skipRequest(InputStream in) throws IOException {
        int matched = 0;
        int read = 0;
        int b;
        while ((b = in.read()) >= 0) {
            read++;
            matched = b == HEADER_END[matched] ? matched + 1 : b == '\r' ? 1 : 0;
            if (matched == HEADER_END.length) {
                return true;
            }
        }
        if (read > 0) {
            throw new IOException("connection closed inside a request");
        }
        return false;
    }
}
