package dev.tollgate.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.engine.Runtimes;
import dev.tollgate.load.ProfileLoader;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Release;
import dev.tollgate.model.Variables;
import dev.tollgate.system.DatabaseEndpoint;
import dev.tollgate.runtime.Progress;
import dev.tollgate.runtime.RemoteRuntime;
import dev.tollgate.runtime.SystemUnderTest;

/** The shipped staging profile and what the remote runtime makes of it, before anything is sent. */
class RemoteRuntimeTest {

    private static final Path STAGING = Path.of(System.getProperty("tollgate.profiles.dir", "."), "staging", "profile.yaml");

    private final Profile staging = new ProfileLoader(Variables.of(Map.of())).load(STAGING);

    @Test
    void theStagingProfileIsARemoteTargetReadFromTheTargetProperties() {
        assertEquals("remote", staging.runtime());
        assertTrue(staging.remote());
        assertEquals("${tollgate.target.url}", staging.target().url());
        assertEquals("${tollgate.target.databaseUrl}", staging.target().database().url());
        assertFalse(staging.subjects().get("admin").generate(), "staging tokens are the deployment's, never generated");
    }

    @Test
    void withoutATargetUrlTheRunStopsNamingTheProperty(@TempDir Path dir) {
        TollgateException e = assertThrows(TollgateException.class,
                () -> Runtimes.start(staging, Variables.of(Map.of()), dir, dir, Progress.silent()));
        assertEquals(ErrorCode.LOAD_UNDEFINED_VARIABLE, e.code());
        assertTrue(e.getMessage().contains("target.url is undefined variable ${tollgate.target.url}")
                && e.getMessage().contains("-Dtollgate.target.url=https://staging.example.com/"), e.getMessage());
    }

    @Test
    void theDatabaseIsReadOnlyAndOptional(@TempDir Path dir) {
        Variables url = Variables.of(Map.of("tollgate.target.url", "http://127.0.0.1:1"));
        try (RemoteRuntime without = RemoteRuntime.start(staging, url, dir, Progress.silent())) {
            assertFalse(without.hasDatabase());
            TollgateException e = assertThrows(TollgateException.class, without::database);
            assertEquals(ErrorCode.RUNTIME_NO_DATABASE, e.code());
            assertTrue(e.getMessage().contains("-Dtollgate.target.databaseUrl="), e.getMessage());
        }
        Variables both = url.with(Map.of("tollgate.target.databaseUrl", "jdbc:postgresql://db.example:6543/app?user=qa",
                "TOLLGATE_DATABASE_PASSWORD", "s3cret"));
        try (RemoteRuntime with = RemoteRuntime.start(staging, both, dir, Progress.silent())) {
            DatabaseEndpoint database = with.database();
            assertEquals(new DatabaseEndpoint("db.example", 6543, "app", "qa", "s3cret", true), database);
            assertEquals("jdbc:postgresql://db.example:6543/app?options=-c%20default_transaction_read_only=on", database.jdbcUrl());
            assertFalse(database.toString().contains("s3cret"));
        }
    }

    @Test
    void everyLifecycleOperationSaysItCannotRunOnARemoteTarget(@TempDir Path dir) {
        Variables url = Variables.of(Map.of("tollgate.target.url", "https://staging.example.com"));
        try (SystemUnderTest remote = Runtimes.start(staging, url, dir, dir, Progress.silent())) {
            Release release = new Release("1.1.0");
            for (Runnable operation : new Runnable[] {() -> remote.install(release), () -> remote.deploy(release),
                    () -> remote.backup("before"), () -> remote.restore("before"), remote::stopService,
                    () -> remote.cleanInstallReference(release)}) {
                TollgateException e = assertThrows(TollgateException.class, operation::run);
                assertEquals(ErrorCode.STEP_NOT_SUPPORTED, e.code());
                assertTrue(e.getMessage().contains("on the remote target https://staging.example.com/")
                        && e.getMessage().contains("never changes it") && e.getMessage().contains("-Pstaging"), e.getMessage());
            }
            assertEquals(release, remote.provide(release).release(), "a read-only suite takes what runs as the release");
        }
    }
}
