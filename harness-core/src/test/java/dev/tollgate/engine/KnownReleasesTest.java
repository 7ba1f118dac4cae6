package dev.tollgate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import dev.tollgate.api.Constants;

/**
 * Under Maven or an IDE ({@code -Dtollgate.candidate=…}), as under the command line: a release the
 * profile's {@code releases:} does not list stops the run before any suite starts anything.
 */
class KnownReleasesTest {

    @TempDir
    Path dir;

    @Test
    void anUnlistedCandidateFailsTheRunBeforeAnyStepStarts() throws IOException {
        // Were it started, this command would leave a file behind: it must never run.
        Path started = dir.resolve("started");
        Path profile = Files.writeString(dir.resolve("profile.yaml"), """
                name: listed
                service:
                  command: [sh, -c, "touch %s; exit 7", "${release}"]
                releases:
                  1.0.0:
                  1.1.0: { version: 1.1 }
                """.formatted(started));
        Path suite = Files.writeString(dir.resolve("install.suite.yaml"), """
                suite: install
                scenario:
                  - install: ${candidate}
                """);

        EngineExecutionResults results = EngineTestKit.engine(TollgateTestEngine.ENGINE_ID)
                .configurationParameters(Map.of(Constants.PROFILE, profile.toString(), Constants.PREVIOUS, "1.0.0",
                        Constants.CANDIDATE, "1.2.0", Constants.EVIDENCE_DIR, dir.resolve("evidence").toString(),
                        Constants.WORK_DIR, dir.toString()))
                .selectors(selectFile(suite.toFile())).execute();

        assertEquals(0, results.testEvents().started().count(), "no step started");
        Throwable failure = results.containerEvents().failed().stream()
                .map(event -> event.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow())
                .map(result -> result.getThrowable().orElseThrow()).findFirst().orElseThrow();
        assertTrue(failure.getMessage().contains(profile + ":4: release 1.2.0 (-Dtollgate.candidate=1.2.0) is not one of"
                + " the releases the profile lists: 1.0.0, 1.1.0."), failure.getMessage());
        assertFalse(Files.exists(started), "the service's command ran");
    }
}
