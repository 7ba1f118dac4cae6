package dev.tollgate.check.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.tollgate.check.CheckResult;
import dev.tollgate.check.EvidenceDatabase;
import dev.tollgate.check.EvidenceDatabase.Context;
import dev.tollgate.check.Status;

class SafetyCheckTest {

    private static final String RELEASE_1 = "CREATE TABLE missions (id bigint PRIMARY KEY, name text NOT NULL, notes text)";
    private static final Map<String, Object> REQUIRED = Map.of("since", "before-upgrade", "require", "backward-safe");

    @RegisterExtension
    static final EvidenceDatabase postgres = EvidenceDatabase.perClass();
    private final SafetyCheck safety = new SafetyCheck();

    private static Context upgraded(String... upgrade) throws Exception {
        Context context = postgres.create(RELEASE_1);
        context.snapshot("before-upgrade", upgrade);
        return context;
    }

    @Test
    void additiveChangesAreBackwardSafe() throws Exception {
        Context context = upgraded("ALTER TABLE missions ADD COLUMN priority integer", "CREATE INDEX missions_name ON missions (name)");

        CheckResult result = context.check(safety, REQUIRED);

        assertEquals(Status.PASSED, result.status(), result.message());
        assertEquals("backward-safe: 2 change(s) since snapshot before-upgrade, none breaks the previous release"
                + " (missions.priority, missions.missions_name)", result.message());
        assertEquals("+ missions.priority integer NULL\n+ index missions.missions_name CREATE INDEX missions_name ON missions"
                + " USING btree (name)\n", result.evidence().get(0).content());
    }

    @Test
    void anUnsafeChangeIsEvidenceUnlessBackwardSafetyIsRequired() throws Exception {
        Context context = upgraded("ALTER TABLE missions DROP COLUMN notes");

        CheckResult reported = context.check(safety, Map.of("since", "before-upgrade"));
        CheckResult required = context.check(safety, REQUIRED);

        assertEquals(Status.PASSED, reported.status());
        assertEquals("NOT backward-safe: 1 finding(s) since snapshot before-upgrade: missions.notes: column dropped (or renamed)",
                reported.message());
        assertTrue(reported.evidence().get(1).content().contains("UNSAFE missions.notes: column dropped (or renamed)"
                + " - the previous release still reads or writes it"));
        assertEquals(Status.FAILED, required.status());
        assertTrue(required.message().endsWith("(required: backward-safe)"), required.message());
    }

    @Test
    void anUnchangedSchemaIsBackwardSafe() throws Exception {
        assertEquals("backward-safe: the schema did not change since snapshot before-upgrade",
                upgraded().check(safety, REQUIRED).message());
    }

    @Test
    void onlyBackwardSafeCanBeRequired() throws Exception {
        Context context = upgraded();

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> context.check(safety, Map.of("since", "before-upgrade", "require", "safe")));
        assertTrue(error.getMessage().contains("'require' of check safety must be backward-safe, found 'safe'"), error.getMessage());
    }
}
