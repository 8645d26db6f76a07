package io.sightline.appliance.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * The fat jar running as a child process, as a user starts it: {@code java
 * --sun-misc-unsafe-memory-access=allow [jvmFlags] -jar sightline.jar serve ...}, optionally under a
 * wrapper command such as strace. Its stdout and stderr go to {@code NAME.out} and {@code NAME.err}
 * in a folder the test owns. Ports are picked free on loopback just before the start; if another
 * process takes one first, the start is retried with new ports.
 */
final class JarProcess implements AutoCloseable {
    /** The only launcher flag Sightline needs: Chronicle Queue uses sun.misc.Unsafe, which JDK 25 warns about. */
    static final String UNSAFE_FLAG = "--sun-misc-unsafe-memory-access=allow";
    /** Ways the environment could add JVM options or Sightline settings behind the test's back. */
    private static final List<String> SCRUBBED_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");
    private static final int START_ATTEMPTS = 3;
    private static final Duration READY_POLL = Duration.ofMillis(20);
    /** How long a stopped or killed process may take to exit. */
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final boolean wrapped;
    private final Path stderr;
    private final int httpPort;
    private final int otlpHttpPort;
    private Duration startup = Duration.ZERO;
    private final ApplianceClient client;

    private JarProcess(Process process, boolean wrapped, Path stderr, int httpPort, int otlpHttpPort) {
        this.process = process;
        this.wrapped = wrapped;
        this.stderr = stderr;
        this.httpPort = httpPort;
        this.otlpHttpPort = otlpHttpPort;
        this.client = new ApplianceClient(httpPort, otlpHttpPort);
    }

    /** The fat jar: {@code -Dsightline.jar=PATH}, else {@code target/sightline.jar} (failsafe runs in the module folder). */
    static Path jar() {
        Path jar = Path.of(System.getProperty("sightline.jar", "target/sightline.jar")).toAbsolutePath();
        assertThat(jar).as("the fat jar (build it with mvn package, or pass -Dsightline.jar=PATH)").isRegularFile();
        return jar;
    }

    /** The java launcher running this test, a JDK 25 one. */
    static String java() {
        return ProcessHandle.current().info().command().orElseThrow(() -> new IllegalStateException("no java command"));
    }

    /** {@code java jvmFlags -jar sightline.jar args}. */
    static List<String> command(List<String> jvmFlags, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmFlags);
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(args);
        return command;
    }

    /** What a finished run of the jar printed. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs {@code java jvmFlags -jar sightline.jar args} to completion. */
    static Result run(Path dir, String name, List<String> jvmFlags, List<String> args) throws IOException, InterruptedException {
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        Process process = builder(command(jvmFlags, args), dir, out, err).start();
        if (!process.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("java -jar sightline.jar " + args + " did not exit within " + EXIT_TIMEOUT);
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /**
     * Starts {@code serve} on {@code dataDir} with fresh loopback ports and waits until
     * {@code /-/ready} answers 200.
     *
     * @param wrapper      command and arguments to put in front of java (empty for none)
     * @param jvmFlags     JVM flags after {@link #UNSAFE_FLAG}
     * @param options      more options of {@code serve} (not the ports, bind or data directory)
     * @param readyTimeout longest wait for readiness, per attempt
     */
    static JarProcess serve(Path dir, String name, Path dataDir, List<String> wrapper, List<String> jvmFlags,
                            List<String> options, Duration readyTimeout) throws Exception {
        return start("serve", 0, dir, name, dataDir, wrapper, jvmFlags, ports -> options, readyTimeout);
    }

    /**
     * Starts {@code subcommand} (serve, demo) as {@link #serve} does; {@code options} gets the
     * {@code extraPorts} more free ports it asked for.
     */
    static JarProcess start(String subcommand, int extraPorts, Path dir, String name, Path dataDir, List<String> wrapper,
                            List<String> jvmFlags, Function<int[], List<String>> options, Duration readyTimeout) throws Exception {
        for (int attempt = 1; ; attempt++) {
            int[] ports = freePorts(3 + extraPorts);
            List<String> args = new ArrayList<>(List.of(subcommand, "--data-dir", dataDir.toString(), "--bind", "127.0.0.1",
                    "--http-port", Integer.toString(ports[0]), "--otlp-grpc-port", Integer.toString(ports[1]),
                    "--otlp-http-port", Integer.toString(ports[2])));
            args.addAll(options.apply(Arrays.copyOfRange(ports, 3, ports.length)));
            List<String> flags = new ArrayList<>(List.of(UNSAFE_FLAG));
            flags.addAll(jvmFlags);
            List<String> command = new ArrayList<>(wrapper);
            command.addAll(command(flags, args));
            String fileName = attempt == 1 ? name : name + "-attempt" + attempt;
            Path err = dir.resolve(fileName + ".err");
            long start = System.nanoTime();
            Process process = builder(command, dir, dir.resolve(fileName + ".out"), err).start();
            JarProcess jar = new JarProcess(process, !wrapper.isEmpty(), err, ports[0], ports[2]);
            try {
                if (jar.awaitReady(readyTimeout)) {
                    jar.startup = Duration.ofNanos(System.nanoTime() - start);
                    return jar;
                }
            } catch (Exception | Error e) {
                jar.close();
                throw e;
            }
            jar.close();
            if (attempt == START_ATTEMPTS) {
                throw new AssertionError("no free ports in " + START_ATTEMPTS + " attempts; last stderr:\n" + jar.stderr());
            }
        }
    }

    /** True once ready; false if a port was taken meanwhile (retry); fails if the process dies or stays unready. */
    private boolean awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!client.ready()) {
            String err = stderr();
            // Another process took a port between freePorts() and the bind. (If it is an HTTP port the
            // appliance logs the failure but keeps running without that listener, so look at stderr.)
            if (err.contains("Address already in use")) {
                return false;
            }
            if (!process.isAlive()) {
                throw new AssertionError("sightline exited with " + process.exitValue() + " before it was ready; stderr:\n" + err);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("sightline was not ready within " + timeout.toMillis() + " ms; stderr:\n" + err);
            }
            LockSupport.parkNanos(READY_POLL.toNanos());
        }
        return true;
    }

    private static ProcessBuilder builder(List<String> command, Path dir, Path out, Path err) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> environment = builder.environment();
        SCRUBBED_VARIABLES.forEach(environment::remove);
        environment.keySet().removeIf(variable -> variable.startsWith("SIGHTLINE_"));
        return builder;
    }

    /** Distinct ports free on loopback at this moment: all held open together, then released. */
    static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    ApplianceClient client() {
        return client;
    }

    int httpPort() {
        return httpPort;
    }

    int otlpHttpPort() {
        return otlpHttpPort;
    }

    /** From starting the process to the first 200 from {@code /-/ready} (within ~20 ms). */
    Duration startup() {
        return startup;
    }

    /** Everything the appliance has written to stderr so far. */
    String stderr() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The JVM's process id. */
    long pid() {
        return jvm().pid();
    }

    /** Lines of {@code stderr} that are part of a stack trace or logged at SEVERE. */
    static List<String> problemLines(String stderr) {
        return stderr.lines()
                .filter(line -> line.matches("\\s+at \\S+\\(.*\\)") || line.startsWith("Caused by:")
                        || line.matches("\\S+ SEVERE .*") || line.startsWith("Exception in thread"))
                .toList();
    }

    /** Sends SIGKILL to the JVM (kill -9: no shutdown hooks run) and waits for it to exit; returns the exit code. */
    int kill() throws InterruptedException {
        return end(true);
    }

    /** Sends SIGTERM to the JVM (a clean stop through the shutdown hook) and waits for it to exit; returns the exit code. */
    int stop() throws InterruptedException {
        return end(false);
    }

    private int end(boolean forcibly) throws InterruptedException {
        ProcessHandle jvm = jvm();
        boolean sent = forcibly ? jvm.destroyForcibly() : jvm.destroy();
        assertThat(sent || !jvm.isAlive()).as("signal sent to pid %d", jvm.pid()).isTrue();
        if (!process.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("sightline (pid " + jvm.pid() + ") did not exit within " + EXIT_TIMEOUT
                    + " of " + (forcibly ? "SIGKILL" : "SIGTERM") + "; stderr:\n" + stderr());
        }
        return process.exitValue();
    }

    /** The JVM itself: the process started, or its java descendant when a wrapper (strace) started it. */
    private ProcessHandle jvm() {
        if (!wrapped) {
            return process.toHandle();
        }
        return process.descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst()
                .orElse(process.toHandle());
    }

    /** Kills whatever is still running, wrapper and JVM. */
    @Override
    public void close() throws InterruptedException {
        client.close();
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }
}
