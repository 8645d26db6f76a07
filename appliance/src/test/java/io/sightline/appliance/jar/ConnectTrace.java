package io.sightline.appliance.jar;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what {@code strace -f -e trace=connect,bind -o FILE} recorded and tells loopback connects
 * from outbound ones. strace 6 writes a call as {@code PID connect(FD, {sa_family=AF_INET,
 * sin_port=htons(80), sin_addr=inet_addr("1.2.3.4")}, 16) = ...}, or, when another thread
 * interrupts it, {@code PID connect(FD, {...}, 16 <unfinished ...>}: either way the address is on
 * the line that starts the call.
 */
final class ConnectTrace {
    private static final Pattern IPV4 = Pattern.compile("inet_addr\\(\"([^\"]+)\"\\)");
    private static final Pattern IPV6 = Pattern.compile("inet_pton\\(AF_INET6, \"([^\"]+)\"");
    private static final long PROBE_TIMEOUT_SECONDS = 10;

    private ConnectTrace() {
    }

    /** The strace command to put in front of java, writing to {@code file}. */
    static List<String> straceCommand(Path file) {
        return List.of("strace", "-f", "-qq", "-e", "trace=connect,bind", "-e", "signal=none", "-o", file.toString());
    }

    /**
     * Whether {@code strace} is on the PATH and may trace here: containers without ptrace rights make
     * it fail at once, which counts as unavailable rather than as a failure of the appliance.
     */
    static boolean straceAvailable() throws InterruptedException {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        boolean found = false;
        for (String folder : path.split(File.pathSeparator)) {
            found |= !folder.isEmpty() && Files.isExecutable(Path.of(folder, "strace"));
        }
        if (!found) {
            return false;
        }
        try {
            Process probe = new ProcessBuilder("strace", "-f", "-qq", "-e", "trace=connect", "-o", "/dev/null", "true")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!probe.waitFor(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                return false;
            }
            return probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Every connect() call recorded. */
    static List<String> connects(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(line -> line.contains(" connect(")).toList();
    }

    /** Every bind() call recorded. */
    static List<String> binds(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(line -> line.contains(" bind(")).toList();
    }

    /** The connect() calls to anything but loopback or a local (AF_UNIX) socket. */
    static List<String> outbound(Path file) throws IOException {
        return connects(file).stream().filter(line -> !isLocal(line)).toList();
    }

    /**
     * Whether a connect() stays on this machine: AF_UNIX, 127.0.0.0/8, ::1 or ::ffff:127.x, or
     * AF_UNSPEC (which dissolves a datagram socket's association rather than sending anything).
     */
    static boolean isLocal(String line) {
        if (line.contains("sa_family=AF_UNIX") || line.contains("sa_family=AF_UNSPEC")) {
            return true;
        }
        if (line.contains("sa_family=AF_INET6")) {
            Matcher address = IPV6.matcher(line);
            return address.find() && (address.group(1).equals("::1") || address.group(1).startsWith("::ffff:127."));
        }
        if (line.contains("sa_family=AF_INET")) {
            Matcher address = IPV4.matcher(line);
            return address.find() && address.group(1).startsWith("127.");
        }
        return false;
    }
}
