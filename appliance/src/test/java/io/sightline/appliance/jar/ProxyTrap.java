package io.sightline.appliance.jar;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback socket to name as the HTTP, HTTPS and SOCKS proxy of a JVM under test: it accepts
 * every connection, keeps its first bytes (a proxy request names where the JVM wanted to go) and
 * closes it. A JVM that honours its proxy settings and stays silent leaves it empty.
 */
final class ProxyTrap implements AutoCloseable {
    /** Enough of a request line or SOCKS greeting to tell where the caller was going. */
    private static final int KEPT_BYTES = 200;
    /** How long to wait for a caller's first bytes before recording the connection without them (ms). */
    private static final int READ_TIMEOUT_MS = 2_000;

    private final ServerSocket server;
    private final List<String> connections = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    ProxyTrap() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofPlatform().name("proxy-trap").daemon().start(this::acceptAll);
    }

    int port() {
        return server.getLocalPort();
    }

    /** JVM flags that route every proxied connection to this trap. */
    List<String> jvmFlags() {
        String host = "-D%s=" + server.getInetAddress().getHostAddress();
        String port = "-D%s=" + port();
        return List.of(host.formatted("http.proxyHost"), port.formatted("http.proxyPort"),
                host.formatted("https.proxyHost"), port.formatted("https.proxyPort"),
                host.formatted("socksProxyHost"), port.formatted("socksProxyPort"));
    }

    /** One line per connection received: the caller's address and its first bytes. */
    List<String> connections() {
        return List.copyOf(connections);
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(READ_TIMEOUT_MS);
                String first;
                try (InputStream in = socket.getInputStream()) {
                    byte[] buffer = new byte[KEPT_BYTES];
                    int read = in.read(buffer);
                    first = read < 0 ? "(nothing)" : new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
                } catch (IOException e) {
                    first = "(nothing read: " + e + ")";
                }
                connections.add(socket.getRemoteSocketAddress() + " sent: " + first.replaceAll("[^\\x20-\\x7e]", "."));
            } catch (SocketException e) {
                return; // closed
            } catch (IOException e) {
                connections.add("accept failed: " + e);
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        acceptor.join();
    }
}
