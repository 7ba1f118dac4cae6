package dev.tollgate.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tollgate.model.Variables;
import dev.tollgate.api.TollgateException;
import dev.tollgate.model.StateSpec;

/** {@code state:} in a profile: state outside PostgreSQL, under the run's own {@code ${service.dataDir}}. */
class ProfileStateTest {

    @TempDir
    Path dir;

    private final ProfileLoader loader = new ProfileLoader(Variables.of(Map.of()));

    @Test
    void readsStateDirectoriesUnderTheRunsDataDir() throws IOException {
        Map<String, StateSpec> state = loader.load(write("""
                name: foglet
                service:
                  command: [java]
                  env: { FOGLET_DATA: "${service.dataDir}" }
                state:
                  hostkeys: { directory: "${service.dataDir}/ssh" }
                """)).state();

        assertEquals(Map.of("hostkeys", new StateSpec("${service.dataDir}/ssh")), state);
    }

    @Test
    void anUndefinedVariableInADirectoryIsNamedAtItsLine() throws IOException {
        Path file = write("""
                name: foglet
                service:
                  command: [java]
                state:
                  hostkeys: { directory: "${service.dataDirectory}/ssh" }
                """);

        TollgateException e = assertThrows(TollgateException.class, () -> loader.load(file));

        assertTrue(e.getMessage().startsWith(file + ":5:27: undefined variable ${service.dataDirectory}."), e.getMessage());
    }

    @Test
    void aRuntimeThatCannotBackItUpRefusesIt() throws IOException {
        Path file = write("""
                name: staging
                runtime: remote
                target: { url: "http://localhost:1" }
                service: {}
                state:
                  hostkeys: { directory: /var/lib/foglet/ssh }
                """);

        TollgateException e = assertThrows(TollgateException.class, () -> loader.load(file));

        assertTrue(e.getMessage().contains("state: is supported on runtime: local"), e.getMessage());
    }

    @Test
    void aComposeProfileAskingForABackupOnlyLocalHasIsRefusedAtItsLine() throws IOException {
        Path file = write("""
                name: quick
                runtime: compose
                compose: { file: docker-compose.yml, database: db, services: [app] }
                database:
                  backup: template
                service: {}
                """);

        TollgateException e = assertThrows(TollgateException.class, () -> loader.load(file));

        assertTrue(e.getMessage().startsWith(file + ":"), e.getMessage());
        assertTrue(e.getMessage().contains("database.backup: template is supported on runtime: local"), e.getMessage());
        assertTrue(e.getMessage().contains("Write backup: pg_dump or remove the line"), e.getMessage());
    }

    @Test
    void aComposeProfileBacksUpWithPgDumpWhenItSaysNothing() throws IOException {
        Path file = write("""
                name: quick
                runtime: compose
                compose: { file: docker-compose.yml, database: db, services: [app] }
                service: {}
                """);

        assertEquals(dev.tollgate.model.BackupStrategy.PG_DUMP, loader.load(file).database().backupOn("compose"));
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("profile.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
