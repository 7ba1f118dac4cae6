package dev.tollgate.profiles.compose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Assumptions;

import dev.tollgate.load.ProfileLoader;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Variables;
import dev.tollgate.runtime.Progress;
import dev.tollgate.runtime.compose.ComposeRuntime;
import dev.tollgate.runtime.compose.DockerEngine;

/**
 * The shipped compose profiles and runtimes started from them. Tests that need Docker call
 * {@link #assumeDocker()}: without an engine they are skipped, with one line that says why and how
 * to fix it.
 */
public final class ComposeProfiles {

    static final Path PROFILES_DIR = Path.of(System.getProperty("tollgate.profiles.dir", ".."));
    static final Path EVIDENCE_DIR = Path.of(System.getProperty("tollgate.evidence.dir", "target/tollgate"));
    private static final AtomicBoolean TOLD = new AtomicBoolean();
    private static volatile Optional<String> unavailable;

    private ComposeProfiles() {
    }

    static void assumeDocker() {
        if (unavailable == null) {
            unavailable = DockerEngine.unavailableReason();
        }
        if (unavailable.isPresent() && !TOLD.getAndSet(true)) {
            System.err.println("[tollgate] COMPOSE TESTS SKIPPED: " + unavailable.get());
        }
        Assumptions.assumeTrue(unavailable.isEmpty(), () -> "compose tests skipped: " + unavailable.get());
    }

    public static Profile load(String name) {
        return new ProfileLoader(Variables.fromSystem()).locateAndLoad(name, PROFILES_DIR);
    }

    public static ComposeRuntime start(Profile profile, Path workParent) {
        return ComposeRuntime.start(profile, Variables.fromSystem(), workParent, EVIDENCE_DIR, Progress.to(System.out));
    }

    static Path workParent() throws IOException {
        Path parent = Path.of("target", "work");
        Files.createDirectories(parent);
        return parent.toAbsolutePath();
    }

    /** What Docker still holds of a run, by its label, as {@code docker ps -a}, {@code volume ls} and {@code network ls} list it. */
    static List<String> leftovers(String runId) throws IOException, InterruptedException {
        String filter = "label=" + DockerEngine.RUN_LABEL + "=" + runId;
        List<String> found = new java.util.ArrayList<>();
        for (List<String> command : List.of(
                List.of("docker", "ps", "-a", "--filter", filter, "--format", "container {{.Names}}"),
                List.of("docker", "volume", "ls", "--filter", filter, "--format", "volume {{.Name}}"),
                List.of("docker", "network", "ls", "--filter", filter, "--format", "network {{.Name}}"))) {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
            output.lines().filter(line -> !line.isBlank()).forEach(found::add);
        }
        return found;
    }
}
