package dev.tollgate.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.tollgate.gate.Area;
import dev.tollgate.gate.AreaStatus;
import dev.tollgate.gate.Gate;
import dev.tollgate.gate.GateResult;
import dev.tollgate.gate.GateRules;
import dev.tollgate.gate.Verdict;
import dev.tollgate.report.RunRecord;

/**
 * Faults injected into a real rehearsal of the upgrade suite, each through a variant of the local
 * profile: the run ends in bounded time, with NO-GO when the release is at fault and INCONCLUSIVE
 * when the harness's environment is, in the right area, with the service log kept, and with
 * nothing left behind in the work directory.
 */
class FaultInjectionTest {

    private static final Path UPGRADE = Path.of("src/suites/upgrade-from-previous.suite.yaml").toAbsolutePath();
    private static final Path LOCAL = Path.of(System.getProperty("tollgate.profiles.dir", "../profiles"), "local", "profile.yaml");

    @TempDir
    Path dir;

    @Test
    void aCandidateThatCrashesOnStartIsNoGoInUpgradeWithItsLastWords() throws Exception {
        GateResult result = rehearse(LOCAL, "9.9.9");

        assertEquals(Verdict.NO_GO, result.verdict(), result.reasons()::toString);
        assertEquals(AreaStatus.FAILED, result.area(Area.UPGRADE).status());
        assertTrue(result.area(Area.UPGRADE).firstReason().contains("exited with code 64 before it answered GET /health:"
                + " Unknown release '9.9.9'"), result.area(Area.UPGRADE).firstReason());
        assertTrue(logsKept().anyMatch(log -> log.getFileName().toString().endsWith("-9.9.9.log")), "the crashed release's log is kept");
    }

    @Test
    void aServiceThatNeverAnswersIsNoGoInInstallWithinItsStartTimeout() throws Exception {
        // A "release" that starts and never listens: the readiness wait must end it at the start timeout.
        Path profile = variant("never-answers", text -> text
                .replaceAll("(?m)^  command:\\n(    - .*\\n)+", "  command: [sleep, \"600\"]\n")
                .replace("startTimeout: 30s", "startTimeout: 3s"));
        long started = System.nanoTime();
        GateResult result = rehearse(profile, "1.1.0");

        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 60, "bounded by the start timeout");
        assertEquals(Verdict.NO_GO, result.verdict(), result.reasons()::toString);
        assertEquals(AreaStatus.FAILED, result.area(Area.INSTALL).status());
        assertTrue(result.area(Area.INSTALL).firstReason().contains("did not answer GET"), result.area(Area.INSTALL).firstReason());
    }

    @Test
    void aTakenPortIsTheEnvironmentsFaultSoInconclusiveNamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path profile = variant("port-taken", text -> text.replace("  port: 0                 # 0 = a free loopback port for every start",
                    "  port: " + taken.getLocalPort()));
            GateResult result = rehearse(profile, "1.1.0");

            assertEquals(Verdict.INCONCLUSIVE, result.verdict(), result.reasons()::toString);
            assertEquals(AreaStatus.MISSING, result.area(Area.INSTALL).status());
            assertTrue(result.reasons().stream().anyMatch(reason -> reason.contains(Integer.toString(taken.getLocalPort()))),
                    result.reasons()::toString);
        }
    }

    @Test
    void aBackupToolThatIsMissingIsTheEnvironmentsFaultSoInconclusiveInRestore() throws Exception {
        Path profile = variant("no-pg-dump", text -> text.replace("  port: 0                 # 0 = a free loopback port\n",
                "  port: 0\n  backup: pg_dump\n  clientTools: /nonexistent/postgresql/bin\n"));
        GateResult result = rehearse(profile, "1.1.0");

        assertEquals(Verdict.INCONCLUSIVE, result.verdict(), result.reasons()::toString);
        assertEquals(AreaStatus.MISSING, result.area(Area.RESTORE).status());
        assertTrue(result.area(Area.RESTORE).firstReason().contains("/nonexistent/postgresql/bin/pg_dump cannot be run"),
                result.area(Area.RESTORE).firstReason());
    }

    private Path variant(String name, java.util.function.UnaryOperator<String> change) throws IOException {
        String original = Files.readString(LOCAL, StandardCharsets.UTF_8);
        String changed = change.apply(original);
        assertTrue(!changed.equals(original), "the variant " + name + " changes the local profile");
        Path profile = dir.resolve(name).resolve("profile.yaml");
        Files.createDirectories(profile.getParent());
        return Files.writeString(profile, changed.replace("name: local", "name: " + name));
    }

    private GateResult rehearse(Path profile, String candidate) throws IOException {
        Path work = Files.createDirectories(dir.resolve("work"));
        EngineTestKit.engine("tollgate")
                .configurationParameters(Map.of("tollgate.candidate", candidate, "tollgate.profile", profile.toString(),
                        "tollgate.work.dir", work.toString()))
                .selectors(selectFile(UPGRADE.toFile())).execute();
        try (Stream<Path> left = Files.list(work)) {
            assertEquals(List.of(), left.toList(), "the run's scratch directory is deleted");
        }
        RunRecord run = new ObjectMapper().registerModule(new JavaTimeModule())
                .readValue(Path.of(System.getProperty("tollgate.evidence.dir"), "run.json").toFile(), RunRecord.class);
        return Gate.evaluate(run, GateRules.defaults(), List.of(), LocalDate.now());
    }

    private static Stream<Path> logsKept() throws IOException {
        return Files.walk(Path.of(System.getProperty("tollgate.evidence.dir"))).filter(file -> file.toString().endsWith(".log"));
    }
}
