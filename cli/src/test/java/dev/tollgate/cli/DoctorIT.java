package dev.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** {@code tollgate doctor}: what this machine lacks for a profile, and what to do about it. */
class DoctorIT {

    /** No docker on the PATH and a DOCKER_HOST where nothing listens: a machine without Docker. */
    private static Map<String, String> withoutDocker(Path emptyBin) {
        return Map.of("PATH", emptyBin.toString(), "DOCKER_HOST", "unix:///nonexistent/tollgate-test/docker.sock");
    }

    @Test
    void saysThereIsNoDockerAndHowToFixItWhenTheProfileNeedsIt(@TempDir Path emptyBin) {
        CliProcess.Result result = CliProcess.run(withoutDocker(emptyBin), "doctor", "--profile", "quickstart");

        assertEquals(ExitCodes.FAILED, result.exitCode(), result::toString);
        assertTrue(result.out().contains("FAIL  docker engine          No Docker engine answers at "
                + "unix:///nonexistent/tollgate-test/docker.sock"), result::toString);
        assertTrue(result.out().contains("fix: start a Docker engine (as root: profiles/images/setup-docker.sh"),
                result::toString);
        assertTrue(result.out().contains("FAIL  compose cli            No compose CLI"), result::toString);
        assertTrue(result.out().contains("✘ not ready for profile quickstart: 2 problems"), result::toString);
    }

    @Test
    void theLocalProfileOnlyWarnsWithoutDocker(@TempDir Path emptyBin) {
        CliProcess.Result result = CliProcess.run(withoutDocker(emptyBin), "doctor");

        assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
        assertTrue(result.out().contains("OK    java                   " + Runtime.version().feature()), result::toString);
        assertTrue(result.out().contains("WARN  docker engine"), result::toString);
        assertTrue(result.out().contains("OK    database port          port 0: a free loopback port"), result::toString);
        assertTrue(result.out().contains("✔ ready for profile local"), result::toString);
    }

    @Test
    void reportsTheRunningDockerEnginesVersion() throws Exception {
        String version = dockerServerVersion();
        assumeTrue(version != null, "no Docker engine answers on this machine");

        CliProcess.Result result = CliProcess.run("doctor", "--profile", "quickstart");

        assertTrue(result.out().contains("OK    docker engine          " + version + " (API "), result::toString);
        assertTrue(result.out().contains("OK    compose cli"), result::toString);
    }

    @Test
    void reachesARealDatabaseAndFailsOnOneThatIsNotThere() throws IOException {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?user=postgres&password=secret";

            CliProcess.Result reached = CliProcess.run("doctor", "--database-url", url);

            assertEquals(ExitCodes.OK, reached.exitCode(), reached::toString);
            assertTrue(reached.out().contains("OK    database               PostgreSQL "), reached::toString);
            assertTrue(reached.out().contains("password=***"), "the password is never printed: " + reached);
        }
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        CliProcess.Result unreachable = CliProcess.run("doctor", "--database-url",
                "jdbc:postgresql://127.0.0.1:" + closed + "/app?user=qa");

        assertEquals(ExitCodes.FAILED, unreachable.exitCode(), unreachable::toString);
        assertTrue(unreachable.out().contains("FAIL  database               jdbc:postgresql://127.0.0.1:" + closed),
                unreachable::toString);
        assertTrue(unreachable.out().contains("fix: check the host and port (pg_isready"), unreachable::toString);
    }

    @Test
    void aTakenFixedPortFails(@TempDir Path dir) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Path profile = dir.resolve("profile.yaml");
            java.nio.file.Files.writeString(profile, "name: fixed\nruntime: local\ndatabase:\n  port: " + taken.getLocalPort()
                    + "\nservice:\n  command: [java, -version]\n");

            CliProcess.Result result = CliProcess.run("doctor", "--profile", profile.toString());

            assertEquals(ExitCodes.FAILED, result.exitCode(), result::toString);
            assertTrue(result.out().contains("FAIL  database port          port " + taken.getLocalPort() + " is taken"),
                    result::toString);
        }
    }

    private static String dockerServerVersion() throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("docker", "version", "--format", "{{.Server.Version}}").redirectErrorStream(true).start();
        } catch (IOException e) {
            return null;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0 ? output : null;
    }
}
