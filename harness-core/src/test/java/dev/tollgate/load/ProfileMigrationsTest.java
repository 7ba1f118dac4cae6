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
import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.model.MigrationsSpec;

/** {@code database.migrations} in a profile: where every check finds the migration history, and its mistakes at their line. */
class ProfileMigrationsTest {

    @TempDir
    Path dir;

    private final ProfileLoader loader = new ProfileLoader(Variables.of(Map.of()));

    @Test
    void readsWhereTheHistoryIs() throws IOException {
        MigrationsSpec migrations = loader.load(write("""
                name: spring
                database:
                  migrations: { tool: flyway, table: schema_version, schema: app }
                service:
                  command: [java]
                """)).database().migrations();

        assertEquals(new MigrationsSpec("flyway", "schema_version", "app", null, null, null), migrations);
    }

    @Test
    void leftOutItIsDetected() throws IOException {
        assertTrue(loader.load(write("""
                name: plain
                service:
                  command: [java]
                """)).database().migrations().isDetect());
    }

    @Test
    void anUnknownToolIsNamedAtItsLineWithTheNearestKnownOne() throws IOException {
        Path file = write("""
                name: spring
                database:
                  migrations:
                    tool: flyaway
                service:
                  command: [java]
                """);

        TollgateException e = assertThrows(TollgateException.class, () -> loader.load(file));

        assertEquals(ErrorCode.LOAD_PROFILE_INVALID, e.code());
        assertTrue(e.getMessage().startsWith(file + ":4:5: 'database.migrations.tool': unknown migration tool 'flyaway';"
                + " did you mean 'flyway'? Known tools: flyway, liquibase,"), e.getMessage());
    }

    @Test
    void aGenericToolWithoutItsColumnsIsNamedAtItsLine() throws IOException {
        Path file = write("""
                name: legacy
                database:
                  migrations: { tool: generic, table: db_changes }
                service:
                  command: [java]
                """);

        TollgateException e = assertThrows(TollgateException.class, () -> loader.load(file));

        assertTrue(e.getMessage().startsWith(file + ":3:"), e.getMessage());
        assertTrue(e.getMessage().contains("'database.migrations': tool: generic needs table and versionColumn"), e.getMessage());
    }

    @Test
    void anUnknownKeyUnderMigrationsListsTheValidOnes() throws IOException {
        Path file = write("""
                name: spring
                database:
                  migrations: { tool: flyway, tabel: schema_version }
                service:
                  command: [java]
                """);

        TollgateException e = assertThrows(TollgateException.class, () -> loader.load(file));

        assertTrue(e.getMessage().startsWith(file + ":3:"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown key 'tabel'; did you mean 'table'? Valid keys here: orderBy, schema,"
                + " successColumn, table, tool, versionColumn."), e.getMessage());
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("profile.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
