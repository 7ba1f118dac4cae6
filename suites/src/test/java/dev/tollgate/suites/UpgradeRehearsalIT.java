package dev.tollgate.suites;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import dev.tollgate.api.Constants;
import dev.tollgate.check.CheckResult;
import dev.tollgate.check.HealthCheck;
import dev.tollgate.check.RuntimeCheckContext;
import dev.tollgate.model.CheckSpec;
import dev.tollgate.model.SourcePosition;
import dev.tollgate.check.VersionCheck;
import dev.tollgate.load.ProfileLoader;
import dev.tollgate.load.Variables;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Release;
import dev.tollgate.runtime.LocalRuntime;
import dev.tollgate.runtime.Progress;
import dev.tollgate.runtime.RunningService;

/**
 * The first rehearsal: install the previous release on an empty database, check it, upgrade to the
 * candidate on the same database, check it again. The declarative suites (YAML, their own engine)
 * grow out of these steps.
 */
@Tag("upgrade")
@Tag("release-gate")
@DisplayName("upgrade from previous")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpgradeRehearsalIT {

    private final Release previous = new Release(System.getProperty(Constants.PREVIOUS, Constants.DEFAULT_PREVIOUS));
    private final Release candidate = new Release(System.getProperty(Constants.CANDIDATE, Constants.DEFAULT_CANDIDATE));
    private final Progress progress = Progress.to(System.out);
    private Profile profile;
    private LocalRuntime runtime;
    private RunningService running;

    @BeforeAll
    void startRuntime() {
        Variables variables = Variables.fromSystem();
        profile = new ProfileLoader(variables).locateAndLoad(
                System.getProperty(Constants.PROFILE, Constants.DEFAULT_PROFILE),
                Path.of(System.getProperty(Constants.PROFILES_DIR, "../profiles")));
        progress.report("rehearsing " + previous + " -> " + candidate + " on profile " + profile.name());
        Path evidence = Path.of(System.getProperty(Constants.EVIDENCE_DIR, "target/tollgate"));
        runtime = LocalRuntime.start(profile, variables,
                Path.of(System.getProperty(Constants.WORK_DIR, System.getProperty("java.io.tmpdir"))), evidence, progress);
    }

    @AfterAll
    void stopRuntime() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    @Order(1)
    @DisplayName("install previous on an empty database")
    void installPrevious() {
        running = null;
        running = runtime.deploy(previous);
    }

    @Test
    @Order(2)
    @DisplayName("previous: health")
    void previousHealth() {
        assertPasses(health());
    }

    @Test
    @Order(3)
    @DisplayName("previous: version")
    void previousVersion() {
        assertPasses(version());
    }

    @Test
    @Order(4)
    @DisplayName("upgrade to candidate")
    void upgrade() {
        Assumptions.assumeTrue(running != null && running.release().equals(previous),
                "skipped: previous was not installed, so there is nothing to upgrade");
        running = null;
        running = runtime.deploy(candidate);
    }

    @Test
    @Order(5)
    @DisplayName("candidate: health")
    void candidateHealth() {
        assertPasses(health());
    }

    @Test
    @Order(6)
    @DisplayName("candidate: version")
    void candidateVersion() {
        assertPasses(version());
    }

    private CheckResult health() {
        return HealthCheck.health().run(check("health"), context());
    }

    private CheckResult version() {
        return new VersionCheck().run(check("version"), context());
    }

    private RuntimeCheckContext context() {
        Assumptions.assumeTrue(running != null, "skipped: no release is up because an earlier lifecycle step failed");
        return new RuntimeCheckContext(profile, runtime, Variables.fromSystem());
    }

    private static CheckSpec check(String type) {
        return new CheckSpec(type, type, Map.of(), new SourcePosition(Path.of("UpgradeRehearsalIT.java"), 1, 1));
    }

    private void assertPasses(CheckResult result) {
        progress.report(running.release() + " " + result.check() + ": " + result.status() + " — " + result.message());
        if (!result.passed()) {
            fail(result.check() + " of release " + running.release() + ": " + result.message());
        }
    }
}
