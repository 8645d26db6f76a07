package io.sightline.appliance.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No Docker engine runs here, so this checks what can be checked of the Dockerfile without one: the
 * run stage copies the jar the build produces, runs as a non-root user with one volume and the
 * three ports, and its ENTRYPOINT + CMD and HEALTHCHECK commands work when run as written against
 * the real jar (only the jar's path, the JDK, the data directory and the ports are replaced).
 */
class DockerfileIT {
    private static final Path DOCKERFILE = Path.of("../Dockerfile");
    private static final String IMAGE_JAR = "/opt/sightline/sightline.jar";

    @TempDir
    Path dir;

    @Test
    void runStageCopiesTheBuiltJarAndRunsUnprivileged() throws Exception {
        String runStage = runStage();
        Matcher copy = Pattern.compile("COPY --from=build (\\S+) " + Pattern.quote(IMAGE_JAR)).matcher(runStage);
        assertThat(copy.find()).as("run stage copies the jar to " + IMAGE_JAR).isTrue();
        assertThat(copy.group(1)).as("copied from the build stage's WORKDIR /src").startsWith("/src/");
        assertThat(Path.of("..", copy.group(1).substring("/src/".length())).toAbsolutePath().normalize())
                .isEqualTo(JarProcess.jar().toAbsolutePath().normalize());
        assertThat(runStage).containsPattern("(?m)^FROM eclipse-temurin:25-jre")
                .containsPattern("(?m)^USER sightline$")
                .containsPattern("(?m)^EXPOSE 8080 4317 4318$")
                .containsPattern("(?m)^VOLUME \\[\"/var/lib/sightline\"]$")
                .contains("SIGHTLINE_BIND=0.0.0.0")
                .contains("SIGHTLINE_DATA_DIR=/var/lib/sightline/data");
        assertThat(Files.readString(DOCKERFILE)).containsPattern("(?m)^FROM maven:\\S+-eclipse-temurin-25 AS build$");
    }

    @Test
    void entrypointServesAndHealthcheckFollowsReadiness() throws Exception {
        String runStage = runStage();
        List<String> serve = new ArrayList<>(jsonCommand(runStage, "ENTRYPOINT"));
        serve.addAll(jsonCommand(runStage, "CMD"));
        List<String> healthcheck = jsonCommand(runStage, "HEALTHCHECK[^\\n]*\\n?\\s*CMD");
        int[] ports = JarProcess.freePorts(3);
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SIGHTLINE_BIND", "127.0.0.1"); // loopback only in tests; the image binds 0.0.0.0
        environment.put("SIGHTLINE_DATA_DIR", dir.resolve("data").toString());
        environment.put("SIGHTLINE_HTTP_PORT", Integer.toString(ports[0]));
        environment.put("SIGHTLINE_OTLP_GRPC_PORT", Integer.toString(ports[1]));
        environment.put("SIGHTLINE_OTLP_HTTP_PORT", Integer.toString(ports[2]));

        assertThat(exitCode(healthcheck, environment, "healthcheck-before")).as("healthcheck before start").isEqualTo(1);
        Process server = process(serve, environment, "serve").start();
        try {
            awaitReady(ports[0]);
            assertThat(exitCode(healthcheck, environment, "healthcheck-ready")).as("healthcheck when ready").isZero();
        } finally {
            server.destroy();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(server.exitValue()).as("exit code after SIGTERM").isZero();
        assertThat(exitCode(healthcheck, environment, "healthcheck-after")).as("healthcheck after stop").isEqualTo(1);
    }

    private static String runStage() throws Exception {
        String dockerfile = Files.readString(DOCKERFILE);
        return dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
    }

    /** The exec-form command after {@code instruction}, with the image's java and jar made local. */
    private static List<String> jsonCommand(String stage, String instruction) {
        Matcher matcher = Pattern.compile("(?m)^" + instruction + " (\\[.*])$").matcher(stage);
        assertThat(matcher.find()).as(instruction + " in exec form").isTrue();
        List<String> command = new ArrayList<>();
        JsonParser.parseString(matcher.group(1)).getAsJsonArray().forEach(element -> command.add(element.getAsString()));
        return command.stream().map(part -> switch (part) {
            case "java" -> JarProcess.java();
            case IMAGE_JAR -> JarProcess.jar().toString();
            default -> part;
        }).toList();
    }

    private ProcessBuilder process(List<String> command, Map<String, String> environment, String name) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("SIGHTLINE_") || key.endsWith("JAVA_OPTIONS")
                || key.equals("JAVA_TOOL_OPTIONS"));
        builder.environment().putAll(environment);
        return builder;
    }

    private int exitCode(List<String> command, Map<String, String> environment, String name) throws Exception {
        Process process = process(command, environment, name).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(name + " finished").isTrue();
        return process.exitValue();
    }

    private static void awaitReady(int httpPort) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        URI ready = URI.create("http://127.0.0.1:" + httpPort + "/-/ready");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (client.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the ENTRYPOINT's appliance was not ready within 60 s");
    }
}
