package dev.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import dev.tollgate.api.Constants;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** How {@code run}'s options become the {@code tollgate.*} settings Maven's {@code -D…} would give. */
class RunOptionsTest {

    private static RunCommand parse(String... args) {
        RunCommand command = new RunCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void defaultsAreTheMavenPathsDefaults() {
        Project project = Project.locate(null, null);
        ReleaseOptions release = parse().release.in(project);
        // As the engine does under Maven with no -Dtollgate.previous: the profile's defaults.
        release.resolve(new dev.tollgate.load.ProfileLoader(dev.tollgate.model.Variables.of(Map.of(
                "tollgate.sampleApp.jar", "x", "project.dir", "x")))
                .locateAndLoad(release.profile, project.profilesDir()), dev.tollgate.model.MatrixSpec.NONE);
        Map<String, String> settings = release.settings();

        assertEquals("local", settings.get("tollgate.profile"));
        assertEquals("1.0.0", settings.get("tollgate.previous"));
        assertEquals("1.1.0", settings.get("tollgate.candidate"));
        assertEquals("", settings.get("tollgate.chain"));
        assertFalse(settings.containsKey(Constants.TARGET_URL));
        assertFalse(settings.containsKey(Constants.ALLOW_DESTRUCTIVE), "destructive runs are never the default");
    }

    @Test
    void aChainGivesPreviousAndCandidate() {
        RunCommand command = parse("--chain", "1.0.0,1.1.0,2.0.0");

        Map<String, String> settings = command.release.settings();

        assertEquals("1.0.0", settings.get("tollgate.previous"));
        assertEquals("2.0.0", settings.get("tollgate.candidate"));
        assertEquals("1.0.0,1.1.0,2.0.0", settings.get("tollgate.chain"));
    }

    @Test
    void aChainOfOneIsAUsageError() {
        RunCommand command = parse("--chain", "1.0.0");

        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class, command.release::settings);
        assertTrue(e.getMessage().contains("a chain needs at least two"), e.getMessage());
    }

    @Test
    void previousReleasesAreOneListEachOnceAndAnEmptyOneBetweenCommasIsAUsageError() {
        ReleaseOptions matrix = parse("--previous", " 1.0.0, 1.1.0,1.0.0,", "--candidate", "2.0.0").release;

        assertEquals("1.0.0,1.1.0", matrix.settings().get(Constants.PREVIOUS));
        assertEquals(java.util.List.of("1.0.0 → 2.0.0", "1.1.0 → 2.0.0"),
                matrix.paths().stream().map(dev.tollgate.model.UpgradePath::describe).toList());
        ReleaseOptions typo = parse("--previous", "1.0.0, ,1.1.0", "--candidate", "2.0.0").release;
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class, typo::settings);
        assertEquals("--previous 1.0.0, ,1.1.0 has an empty release between commas; list the previous releases like"
                + " --previous 1.0.0,1.1.0", e.getMessage());
    }

    @Test
    void aRemoteTargetIsPassedUnderTheRemoteRuntimesKeys() {
        Map<String, String> settings = parse("--profile", "staging", "--target-url", "http://127.0.0.1:8080",
                "--database-url", "jdbc:postgresql://127.0.0.1:5432/app", "--allow-destructive").release.settings();

        assertEquals("http://127.0.0.1:8080", settings.get("tollgate.target.url"));
        assertEquals("jdbc:postgresql://127.0.0.1:5432/app", settings.get("tollgate.target.databaseUrl"));
        assertEquals("true", settings.get("tollgate.allowDestructive"));
    }

    @Test
    void theHelpOfEveryCommandExits0() {
        for (String command : new String[] {"run", "validate", "list", "doctor"}) {
            assertEquals(0, Tollgate.execute(command, "--help"), command);
        }
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertEquals(ExitCodes.USAGE, Tollgate.execute("run", "--candidat", "2.0.0"));
    }
}
