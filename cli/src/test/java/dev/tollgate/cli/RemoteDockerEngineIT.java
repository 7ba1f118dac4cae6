package dev.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The quickstart profile against a Docker engine reached only over {@code tcp://127.0.0.1:PORT}
 * (issue #22): a second {@code dockerd} the test starts, with its own storage and no socket file,
 * holding only the images the test loads into it. {@code tollgate run} with
 * {@code DOCKER_HOST=tcp://…} rehearses the upgrade suite there to GO, and leaves nothing with
 * Tollgate's label on that engine, nor anything of the run on the machine's own. The {@code full}
 * profile then rehearses there too: its proxy reads {@code haproxy.cfg}, bind-mounted from the
 * profile, which goes to the engine through the API (a tcp:// engine is not assumed to see this
 * machine's files), and every request of the upgrade goes through that proxy.
 */
class RemoteDockerEngineIT {

    private static final Path OUT = Path.of("target", "it-remote-docker").toAbsolutePath();

    @Test
    void theQuickstartUpgradeSuitePassesOnAnEngineReachedOverTcpAndLeavesNothingThere() throws Exception {
        // The images, current for this build's sample-app jar, on the machine's engine first (0.5 s when they are).
        SecondDockerd.Result built = SecondDockerd.run(Duration.ofMinutes(20),
                CliProcess.ROOT.resolve("profiles/images/build-images.sh").toString(), CliProcess.SAMPLE_APP_JAR);
        org.junit.jupiter.api.Assumptions.assumeTrue(built.exitCode() == 0, () -> "the quickstart images cannot be built"
                + " on this machine's engine: " + built.output());
        List<String> images = SecondDockerd.run(Duration.ofSeconds(30), "docker", "images", "--format",
                "{{.Repository}}:{{.Tag}}", "tollgate/*").output().lines().filter(line -> !line.contains("<none>")).toList();

        try (SecondDockerd engine = SecondDockerd.start()) {
            engine.loadFromMainEngine(images);
            Path out = OUT.resolve("upgrade");

            CliProcess.Result result = CliProcess.run(Map.of("DOCKER_HOST", engine.host()), "run", "--profile", "quickstart",
                    "--suite", "upgrade-from-previous", "--out", out.toString(),
                    "--set", "tollgate.sampleApp.jar=" + CliProcess.SAMPLE_APP_JAR);

            assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
            assertTrue(result.out().contains("on the Docker engine at " + engine.host()), result::toString);
            assertTrue(result.out().contains("[tollgate] ══ GO ══ 1.0.0 → 1.1.0 on quickstart"), result::toString);
            String runId = runId(out);
            assertEquals("", labelled(engine, "dev.tollgate.run"), "left on the engine at " + engine.host());

            CliProcess.Result full = CliProcess.run(Map.of("DOCKER_HOST", engine.host()), "run", "--profile", "full",
                    "--suite", "upgrade-from-previous", "--out", OUT.resolve("full").toString(),
                    "--set", "tollgate.sampleApp.jar=" + CliProcess.SAMPLE_APP_JAR);

            assertEquals(ExitCodes.OK, full.exitCode(), full::toString);
            assertTrue(full.out().contains("bind-mounted files of the profile handed to the Docker engine at " + engine.host()
                    + " through volume "), full::toString);
            assertTrue(full.out().contains(": haproxy.cfg\n"), full::toString);
            assertTrue(full.out().contains("[tollgate] ══ GO ══ 1.0.0 → 1.1.0 on full"), full::toString);
            assertEquals("", labelled(engine, "dev.tollgate.run"), "left on the engine at " + engine.host());
            // The run went to that engine, not to the machine's: nothing of it was ever there either.
            SecondDockerd.Result main = SecondDockerd.run(Duration.ofSeconds(30), "docker", "ps", "-a", "-q", "--filter",
                    "label=dev.tollgate.run=" + runId);
            assertEquals("", main.output().strip(), "run " + runId + " on the machine's own engine");
        }
    }

    /** The run's id: its evidence directory's name under OUT/tollgate. */
    private static String runId(Path out) throws Exception {
        try (Stream<Path> runs = Files.list(out.resolve("tollgate"))) {
            return runs.filter(path -> Files.isDirectory(path.resolve("logs"))).map(path -> path.getFileName().toString())
                    .findFirst().orElseThrow(() -> new AssertionError("no run directory with logs in " + out.resolve("tollgate")));
        }
    }

    /** Containers, volumes and networks with the label, as docker ps -a, volume ls and network ls list them. */
    private static String labelled(SecondDockerd engine, String label) throws Exception {
        StringBuilder found = new StringBuilder();
        for (List<String> args : List.of(List.of("ps", "-a", "--format", "container {{.Names}}"),
                List.of("volume", "ls", "--format", "volume {{.Name}}"), List.of("network", "ls", "--format", "network {{.Name}}"))) {
            List<String> command = new java.util.ArrayList<>(args);
            command.addAll(List.of("--filter", "label=" + label));
            SecondDockerd.Result listed = engine.docker(Duration.ofSeconds(30), command.toArray(String[]::new));
            assertEquals(0, listed.exitCode(), listed::output);
            found.append(listed.output().strip());
        }
        return found.toString();
    }
}
