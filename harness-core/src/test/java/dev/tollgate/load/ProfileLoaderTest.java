package dev.tollgate.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Variables;

class ProfileLoaderTest {

    @TempDir
    Path dir;

    private final ProfileLoader loader = new ProfileLoader(Variables.of(Map.of("app.jar", "/opt/app.jar")));

    @Test
    void readsAProfileWithDefaultsForWhatIsLeftOut() throws IOException {
        Profile profile = loader.load(write("""
                name: mine
                service:
                  command: [java, -jar, "${app.jar}", "${release}"]
                  startTimeout: 1500ms
                """));
        assertEquals("mine", profile.name());
        assertEquals("local", profile.runtime());
        assertEquals(List.of("java", "-jar", "${app.jar}", "${release}"), profile.service().command());
        assertEquals(Duration.ofMillis(1500), profile.service().startTimeout());
        assertEquals("/health", profile.service().health());
        assertEquals("app", profile.database().name());
        assertEquals(0, profile.database().port());
    }

    @Test
    void unknownKeySuggestsTheNearestValidOne() throws IOException {
        Path file = write("""
                name: mine
                service:
                  command: [java]
                  helth: /healthz
                """);
        TollgateException e = assertThrows(TollgateException.class, () -> loader.load(file));
        assertEquals(ErrorCode.LOAD_PROFILE_INVALID, e.code());
        assertEquals(file + ":4:3: unknown key 'helth'; did you mean 'health'? Valid keys here: command, env, health, "
                + "healthPort, port, ports, ready, startTimeout, stopTimeout, version.", e.getMessage());
    }

    @Test
    void wrongTypeNamesTheKeyAndLine() throws IOException {
        Path file = write("""
                name: mine
                service:
                  command: [java]
                  port: eighty
                """);
        TollgateException e = assertThrows(TollgateException.class, () -> loader.load(file));
        assertEquals(ErrorCode.LOAD_PROFILE_INVALID, e.code());
        assertEquals(true, e.getMessage().startsWith(file + ":4:9: 'service.port': "), e.getMessage());
    }

    @Test
    void badDurationSaysHowToWriteOne() throws IOException {
        Path file = write("""
                name: mine
                service:
                  command: [java]
                  startTimeout: soon
                """);
        TollgateException e = assertThrows(TollgateException.class, () -> loader.load(file));
        assertEquals(true, e.getMessage().startsWith(file + ":4:17: 'service.startTimeout': "), e.getMessage());
        assertEquals(true, e.getMessage().contains("write it like 500ms, 30s, 2m or PT30S"), e.getMessage());
    }

    @Test
    void missingCommandIsNamed() throws IOException {
        Path file = write("""
                name: mine
                service:
                  health: /health
                """);
        TollgateException e = assertThrows(TollgateException.class, () -> loader.load(file));
        assertEquals(true, e.getMessage().contains("service.command must not be null"), e.getMessage());
    }

    @Test
    void yamlSyntaxErrorHasAPosition() throws IOException {
        Path file = write("""
                name: mine
                service:
                  command: [java
                """);
        TollgateException e = assertThrows(TollgateException.class, () -> loader.load(file));
        assertEquals(ErrorCode.LOAD_PROFILE_INVALID, e.code());
        assertEquals(true, e.getMessage().startsWith(file + ":"), e.getMessage());
        assertEquals(true, e.getMessage().contains("not valid YAML"), e.getMessage());
    }

    @Test
    void undefinedVariableNamesItsLineAndColumn() throws IOException {
        Path file = write("""
                name: mine
                service:
                  command: [java]
                  env:
                    TOKEN: "${secret.token}"
                """);
        TollgateException e = assertThrows(TollgateException.class, () -> loader.load(file));
        assertEquals(ErrorCode.LOAD_UNDEFINED_VARIABLE, e.code());
        assertEquals(true, e.getMessage().startsWith(file + ":5:13: undefined variable ${secret.token}."), e.getMessage());
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("profile.yaml"), yaml);
    }
}
