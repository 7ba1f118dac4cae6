package dev.tollgate.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.load.ProfileLoader;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Release;
import dev.tollgate.model.Variables;
import dev.tollgate.runtime.LocalRuntime;

/** Each misconfiguration ends in one message that names the problem and the fix, and leaves nothing behind. */
class BadConfigurationTest {

    @Test
    void unknownReleaseQuotesTheServiceOwnWords() throws IOException {
        Profile profile = LocalProfile.load();
        try (LocalRuntime runtime = LocalProfile.start(profile, LocalProfile.workParent())) {
            TollgateException e = assertThrows(TollgateException.class, () -> runtime.deploy(new Release("9.9.9")));
            assertEquals(ErrorCode.RUNTIME_SERVICE_EXITED, e.code());
            assertTrue(e.getMessage().startsWith("release 9.9.9 (pid "), e.getMessage());
            assertTrue(e.getMessage().contains("exited with code 64"), e.getMessage());
            assertTrue(e.getMessage().lines().findFirst().orElseThrow().contains("Unknown release '9.9.9'"),
                    "summaries show only the first line, so the service's own words must be on it: " + e.getMessage());
            assertTrue(runtime.current().isEmpty());
        }
    }

    @Test
    void takenServicePortIsNamedWithTheFix() throws IOException {
        Profile profile = LocalProfile.load();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                LocalRuntime runtime = LocalProfile.start(
                        profile.withService(profile.service().withPort(taken.getLocalPort())), LocalProfile.workParent())) {
            TollgateException e = assertThrows(TollgateException.class, () -> runtime.deploy(new Release("1.0.0")));
            assertEquals(ErrorCode.RUNTIME_PORT_IN_USE, e.code());
            assertEquals("Port " + taken.getLocalPort() + " on 127.0.0.1 is already in use, so release 1.0.0 cannot listen on it. "
                    + "Stop whatever holds it, or set service.port: 0 in " + profile.source() + " to use a free port.", e.getMessage());
        }
    }

    @Test
    void takenDatabasePortFailsBeforeAnythingStarts() throws IOException {
        Profile profile = LocalProfile.load();
        Path workParent = Files.createTempDirectory(LocalProfile.workParent(), "db-port-");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            TollgateException e = assertThrows(TollgateException.class, () -> LocalProfile.start(
                    profile.withDatabase(profile.database().withPort(taken.getLocalPort())), workParent));
            assertEquals(ErrorCode.RUNTIME_PORT_IN_USE, e.code());
            assertTrue(e.getMessage().contains("so the embedded PostgreSQL cannot listen on it"), e.getMessage());
        }
        assertNothingLeftIn(workParent);
    }

    @Test
    void databaseThatWillNotStartIsNamedAndCleanedUp() throws IOException {
        Profile profile = LocalProfile.load();
        Path workParent = Files.createTempDirectory(LocalProfile.workParent(), "db-broken-");
        Profile broken = profile.withDatabase(profile.database().withSettings(Map.of("shared_buffers", "plenty")));
        TollgateException e = assertThrows(TollgateException.class, () -> LocalProfile.start(broken, workParent));
        assertEquals(ErrorCode.RUNTIME_DATABASE_START_FAILED, e.code());
        assertTrue(e.getMessage().startsWith("The embedded PostgreSQL did not start on port "), e.getMessage());
        assertTrue(e.getMessage().contains("settings under database: in " + profile.source()), e.getMessage());
        assertNothingLeftIn(workParent);
    }

    @Test
    void undefinedVariableIsReportedAtItsLineBeforeAnythingStarts() {
        ProfileLoader loader = new ProfileLoader(Variables.of(Map.of()));
        TollgateException e = assertThrows(TollgateException.class,
                () -> loader.locateAndLoad("local", LocalProfile.PROFILES_DIR));
        assertEquals(ErrorCode.LOAD_UNDEFINED_VARIABLE, e.code());
        Path file = LocalProfile.PROFILES_DIR.resolve("local").resolve("profile.yaml");
        assertTrue(e.getMessage().startsWith(file + ":" + lineOf(file, "${tollgate.sampleApp.jar}") + ":"), e.getMessage());
        assertTrue(e.getMessage().contains("undefined variable ${tollgate.sampleApp.jar}"), e.getMessage());
    }

    @Test
    void unknownProfileListsTheKnownOnes() {
        TollgateException e = assertThrows(TollgateException.class,
                () -> new ProfileLoader(Variables.fromSystem()).locateAndLoad("locl", LocalProfile.PROFILES_DIR));
        assertEquals(ErrorCode.LOAD_PROFILE_NOT_FOUND, e.code());
        assertTrue(e.getMessage().startsWith("No profile named 'locl'"), e.getMessage());
        assertTrue(e.getMessage().matches("(?s).*Profiles in [^:]+: ([a-z-]+, )*local(, [a-z-]+)*\\..*"), e.getMessage());
    }

    private static int lineOf(Path file, String text) {
        try {
            var lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(text)) {
                    return i + 1;
                }
            }
            throw new AssertionError(text + " not in " + file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertNothingLeftIn(Path workParent) throws IOException {
        try (Stream<Path> children = Files.list(workParent)) {
            assertEquals(java.util.List.of(), children.toList(), "the scratch directory must be deleted");
        }
    }
}
