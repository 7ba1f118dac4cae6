package dev.tollgate.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tollgate.check.CheckRegistry;
import dev.tollgate.model.LoadIssue;
import dev.tollgate.model.Variables;

/** The built-in evidence checks name snapshots with {@code since:}; the loader holds them to earlier snapshot steps. */
class EvidenceReferencesTest {

    private final SuiteLoader loader = new SuiteLoader(CheckRegistry.discover(), SuiteLoaderTest.ENGINE_VARIABLES,
            Variables.of(Map.of()));

    @Test
    void sinceMustNameASnapshotTakenEarlier(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("upgrade.suite.yaml"), """
                suite: upgrade
                scenario:
                  - install: ${previous}
                  - check: { migrations: { since: before-upgrade } }
                  - snapshot: before-upgrade
                  - upgrade: ${candidate}
                  - check: [{ safety: { since: before-upgrad } }, { data: { since: before-upgrade, appendOnly: [audit_log] } }]
                """);

        List<LoadIssue> issues = loader.load(file).issues();

        assertEquals(2, issues.size(), issues::toString);
        assertEquals("4:35", issues.get(0).position().line() + ":" + issues.get(0).position().column());
        assertTrue(issues.get(0).message().startsWith("check 'migrations': no snapshot named 'before-upgrade' is taken before"
                + " this step"), issues.get(0).message());
        assertTrue(issues.get(1).message().startsWith("check 'safety': no snapshot named 'before-upgrad' is taken before this step;"
                + " did you mean 'before-upgrade'?"), issues.get(1).message());
    }

    @Test
    void safetyAndDataNeedASnapshotAndTheirKeysAreChecked(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("upgrade.suite.yaml"), """
                suite: upgrade
                scenario:
                  - snapshot: before-upgrade
                  - check: [safety, { data: { since: before-upgrade, appendonly: [audit_log] } }, { migrations: { latest: "6" } }]
                """);

        List<String> messages = loader.load(file).issues().stream().map(LoadIssue::message).toList();

        assertEquals(2, messages.size(), messages::toString);
        assertTrue(messages.stream().anyMatch(m -> m.contains("safety") && m.contains("since")), messages::toString);
        assertTrue(messages.stream().anyMatch(m -> m.contains("appendonly") && m.contains("appendOnly")), messages::toString);
    }

    @Test
    void theShippedUpgradeSuiteShapeLoads(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("upgrade.suite.yaml"), """
                suite: upgrade
                scenario:
                  - install: ${previous}
                  - snapshot: before-upgrade
                  - upgrade: ${candidate}
                  - check:
                      - migrations: { since: before-upgrade, tool: flyway, expect: { count: 6 } }
                      - safety: { since: before-upgrade, require: backward-safe }
                      - data: { since: before-upgrade, renamed: { missions.name: title }, appendOnly: [audit_log], changes: [missions.priority], preserved: true }
                """);

        SuiteLoadResult result = loader.load(file);

        assertTrue(result.isLoaded(), result::describeIssues);
    }
}
