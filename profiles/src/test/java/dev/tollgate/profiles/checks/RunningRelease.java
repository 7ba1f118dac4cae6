package dev.tollgate.profiles.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.tollgate.check.CheckResult;
import dev.tollgate.check.CheckType;
import dev.tollgate.check.Evidence;
import dev.tollgate.engine.RuntimeCheckContext;
import dev.tollgate.check.Status;
import dev.tollgate.model.CheckSpec;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Release;
import dev.tollgate.model.SourcePosition;
import dev.tollgate.model.Variables;
import dev.tollgate.profiles.LocalProfile;
import dev.tollgate.runtime.LocalRuntime;

/**
 * One embedded PostgreSQL and release 1.1.0 of the sample service for a whole test class, started
 * from the shipped local profile: starting them is the slow part, so tests share them and leave
 * the release running.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RunningRelease {

    static final Release RELEASE = new Release("1.1.0");
    private static final YAMLMapper YAML = new YAMLMapper();

    Profile profile;
    LocalRuntime runtime;
    RuntimeCheckContext context;

    @BeforeAll
    void startRelease() throws Exception {
        profile = profile(LocalProfile.load());
        runtime = LocalProfile.start(profile, LocalProfile.workParent());
        runtime.deploy(RELEASE);
        context = new RuntimeCheckContext(profile, runtime, Variables.fromSystem());
    }

    @AfterAll
    void stopRelease() {
        if (runtime != null) {
            runtime.close();
        }
    }

    /** The profile to start from; a test class may change it (add a secret to the service's environment, say). */
    Profile profile(Profile shipped) {
        return shipped;
    }

    /** Runs a check written as a suite would write its settings. */
    CheckResult run(CheckType type, String yaml) {
        return type.run(spec(type, yaml), context);
    }

    static CheckSpec spec(CheckType type, String yaml) {
        return new CheckSpec(type.type(), type.type(), settings(yaml), new SourcePosition(Path.of("checks.suite.yaml"), 1, 1));
    }

    static Map<String, Object> settings(String yaml) {
        try {
            return YAML.readValue(yaml, new TypeReference<Map<String, Object>>() { });
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("bad YAML in a test: " + e.getMessage(), e);
        }
    }

    static void assertPasses(CheckResult result) {
        assertEquals(Status.PASSED, result.status(), result.check() + ": " + result.message());
    }

    /** Asserts the status, and that the message says each fragment. */
    static void assertResult(Status status, CheckResult result, String... fragments) {
        assertEquals(status, result.status(), result.check() + ": " + result.message());
        for (String fragment : fragments) {
            assertTrue(result.message().contains(fragment), "message should contain '" + fragment + "': " + result.message());
        }
    }

    /** Every piece of evidence, as the report would show it. */
    static String evidence(CheckResult result) {
        return result.evidence().stream().map(Evidence::content).collect(Collectors.joining("\n----\n"));
    }
}
