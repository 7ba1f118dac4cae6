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
    void aWidenedPrimaryKeyIsBackwardSafeByTheWidenedKeyRule() throws Exception {
        Context context = upgraded("ALTER TABLE missions ADD COLUMN tenant text NOT NULL DEFAULT 'main'",
                "ALTER TABLE missions DROP CONSTRAINT missions_pkey", "ALTER TABLE missions ADD PRIMARY KEY (id, tenant)");

        CheckResult result = context.check(safety, REQUIRED);

        assertEquals(Status.PASSED, result.status(), result.message() + "\n" + result.evidence().get(1).content());
        String findings = result.evidence().get(1).content();
        assertTrue(findings.contains("safe   missions.missions_pkey: PRIMARY KEY constraint widened - rule 'widened key':"
                + " a key over more columns (PRIMARY KEY (id) -> PRIMARY KEY (id, tenant))"), findings);
    }

    @Test
    void aNarrowedKeyStillTightens() throws Exception {
        Context context = postgres.create("CREATE TABLE crews (id bigint, tenant text, PRIMARY KEY (id, tenant))");
        context.snapshot("before-upgrade", "ALTER TABLE crews DROP CONSTRAINT crews_pkey", "ALTER TABLE crews ADD PRIMARY KEY (id)");

        CheckResult result = context.check(safety, REQUIRED);

        assertEquals(Status.FAILED, result.status(), result.message());
        assertTrue(result.evidence().get(1).content().contains("UNSAFE crews.crews_pkey: PRIMARY KEY constraint changed"),
                result.evidence().get(1).content());
    }

    @Test
    void aUniqueIndexWidenedOrOnANewNullableColumnIsBackwardSafe() throws Exception {
        Context context = postgres.create("CREATE TABLE crews (id bigint PRIMARY KEY, name text)",
                "CREATE UNIQUE INDEX crews_name ON crews (name)");
        context.snapshot("before-upgrade", "ALTER TABLE crews ADD COLUMN tenant text, ADD COLUMN badge text",
                "DROP INDEX crews_name", "CREATE UNIQUE INDEX crews_name ON crews (name, tenant)",
                "CREATE UNIQUE INDEX crews_badge ON crews (badge)");

        CheckResult result = context.check(safety, REQUIRED);

        String findings = result.evidence().get(1).content();
        assertEquals(Status.PASSED, result.status(), findings);
        assertTrue(findings.contains("safe   crews.crews_name: unique index widened - rule 'widened key'"), findings);
        assertTrue(findings.contains("safe   crews.crews_badge: unique index added on new column(s) [badge]"
                + " - rule 'unique on unwritten columns'"), findings);
    }

    @Test
    void aForeignKeyOnANewNullableColumnIsBackwardSafe() throws Exception {
        Context context = upgraded("CREATE TABLE crews (id bigint PRIMARY KEY)",
                "ALTER TABLE missions ADD COLUMN crew_id bigint REFERENCES crews (id)");

        CheckResult result = context.check(safety, REQUIRED);

        assertEquals(Status.PASSED, result.status(), result.message() + "\n" + result.evidence().get(1).content());
        assertTrue(result.evidence().get(1).content().contains("safe   missions.missions_crew_id_fkey: FOREIGN KEY constraint added"
                + " on new column(s) [crew_id] - rule 'constraint on unwritten columns'"), result.evidence().get(1).content());
    }

    @Test
    void constraintsOnColumnsThePreviousReleaseWritesOrFillsAlikeStillTighten() throws Exception {
        Context context = upgraded("CREATE TABLE names (name text PRIMARY KEY)",
                "ALTER TABLE missions ADD CONSTRAINT missions_name_fkey FOREIGN KEY (name) REFERENCES names (name) NOT VALID",
                "ALTER TABLE missions ADD COLUMN code text DEFAULT 'x' UNIQUE",
                "ALTER TABLE missions ADD COLUMN rank integer CHECK (rank > 0)");

        CheckResult result = context.check(safety, REQUIRED);

        String findings = result.evidence().get(1).content();
        assertEquals(Status.FAILED, result.status(), findings);
        assertTrue(findings.contains("UNSAFE missions.missions_name_fkey: FOREIGN KEY constraint added to an existing table"), findings);
        assertTrue(findings.contains("UNSAFE missions.missions_code_key: UNIQUE constraint added"), findings);
        assertTrue(findings.contains("safe   missions.missions_rank_check: CHECK constraint added on new column(s) [rank]"), findings);
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

    /** A guide's "migrations that affect these areas require extra review": a change to a listed table cannot pass unseen. */
    @Test
    void aChangeToATableListedForReviewFailsEvenWhenItIsBackwardSafe() throws Exception {
        Context context = postgres.create(RELEASE_1, "CREATE TABLE audit_log (id bigint PRIMARY KEY, outcome text)");
        context.snapshot("before-upgrade", "ALTER TABLE audit_log ADD COLUMN deny_code text",
                "ALTER TABLE missions ADD COLUMN priority integer");

        CheckResult listed = context.check(safety, Map.of("since", "before-upgrade", "review", java.util.List.of("member_roles", "audit_log")));
        CheckResult unlisted = context.check(safety, Map.of("since", "before-upgrade", "review", java.util.List.of("member_roles")));

        assertEquals(Status.FAILED, listed.status());
        assertTrue(listed.message().startsWith("changes tables listed for extra review: audit_log.deny_code (column added); once"
                + " reviewed, record the review as a waiver of this check (owner, reason, expires) (backward-safe: 2 change(s)"),
                listed.message());
        assertEquals(Status.PASSED, unlisted.status(), unlisted.message());
    }
}
