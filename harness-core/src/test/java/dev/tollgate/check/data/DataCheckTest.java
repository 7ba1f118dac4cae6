package dev.tollgate.check.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.tollgate.check.CheckResult;
import dev.tollgate.check.Evidence;
import dev.tollgate.check.EvidenceDatabase;
import dev.tollgate.check.EvidenceDatabase.Context;
import dev.tollgate.check.Status;

class DataCheckTest {

    private static final String RELEASE_1 = """
            CREATE TABLE missions (id bigserial PRIMARY KEY, name text NOT NULL, status text NOT NULL, notes text);
            CREATE TABLE audit_log (id bigserial PRIMARY KEY, action text NOT NULL);
            INSERT INTO missions (name, status) VALUES ('Apollo', 'planned'), ('Gemini', 'done'), ('Skylab', 'active');
            INSERT INTO audit_log (action) VALUES ('missions.create'), ('missions.update');
            """;

    private static final Map<String, Object> SINCE = Map.of("since", "before-upgrade");

    @RegisterExtension
    static final EvidenceDatabase postgres = EvidenceDatabase.perClass();
    private final DataCheck data = new DataCheck();

    /** Release 1 with data, snapshotted, then the statements of an upgrade run on it. */
    private static Context upgraded(String... upgrade) throws Exception {
        Context context = postgres.create(RELEASE_1);
        context.snapshot("before-upgrade", upgrade);
        return context;
    }

    private CheckResult check(Context context, Map<String, Object> config) {
        return context.check(data, config);
    }

    @Test
    void nothingChangedPasses() throws Exception {
        CheckResult result = check(upgraded(), SINCE);

        assertEquals(Status.PASSED, result.status(), result.message());
        assertEquals("no rows lost since snapshot before-upgrade (2 table(s): 2 unchanged)", result.message());
    }

    @Test
    void anAddedColumnAndItsBackfillKeepTheDataOfTheCommonColumns() throws Exception {
        CheckResult result = check(upgraded("ALTER TABLE missions ADD COLUMN priority integer",
                "UPDATE missions SET priority = 3", "CREATE TABLE mission_tags (mission_id bigint, tag text)"), SINCE);

        assertEquals(Status.PASSED, result.status(), result.message());
        assertEquals("no rows lost since snapshot before-upgrade (3 table(s): 1 table added, 2 unchanged);"
                + " missions: compared column by column on the 4 columns both shapes have (added priority)", result.message());
        assertTrue(evidence(result, "data since snapshot before-upgrade").contains("missions: UNCHANGED, 3 -> 3 rows"));
    }

    @Test
    void deletedRowsFailNamedByKeyWithTheirValues() throws Exception {
        CheckResult result = check(upgraded("DELETE FROM missions WHERE status = 'done'"), SINCE);

        assertEquals(Status.FAILED, result.status());
        assertEquals("missions: 1 row lost (3 before, 2 after): id=2 (name=Gemini, status=done, notes=NULL)", result.message());
        assertTrue(evidence(result, "data since snapshot before-upgrade").contains("missions: ROWS_LOST, 3 -> 2 rows"));
    }

    private static final String REALMS = """
            CREATE TABLE realm (id text PRIMARY KEY, name text NOT NULL);
            CREATE TABLE realm_attribute (name text, realm_id text REFERENCES realm (id), value text,
                PRIMARY KEY (name, realm_id));
            INSERT INTO realm VALUES ('r1', 'master'), ('r2', 'shop');
            INSERT INTO realm_attribute VALUES ('displayName', 'r1', 'Keycloak'), ('displayNameHtml', 'r1', '<b>Keycloak</b>'),
                ('displayName', 'r2', 'Shop'), ('frontendUrl', 'r1', 'https://sso.example');
            """;
    private static final String ADD_DISPLAY_NAMES = "ALTER TABLE realm ADD COLUMN display_name text, ADD COLUMN display_name_html text";
    private static final String MOVE_DISPLAY_NAME = "UPDATE realm r SET display_name = a.value FROM realm_attribute a"
            + " WHERE a.realm_id = r.id AND a.name = 'displayName'";
    private static final String MOVE_DISPLAY_NAME_HTML = "UPDATE realm r SET display_name_html = a.value FROM realm_attribute a"
            + " WHERE a.realm_id = r.id AND a.name = 'displayNameHtml'";
    private static final String DELETE_MOVED = "DELETE FROM realm_attribute WHERE name IN ('displayName', 'displayNameHtml')";

    @Test
    void rowsMovedIntoColumnsTheUpgradeAddedToTheirParentRowAreNotLost() throws Exception {
        Context context = postgres.create(REALMS);
        context.snapshot("before-upgrade", ADD_DISPLAY_NAMES, MOVE_DISPLAY_NAME, MOVE_DISPLAY_NAME_HTML, DELETE_MOVED);

        CheckResult result = check(context, SINCE);

        assertEquals(Status.PASSED, result.status(), result.message());
        assertTrue(result.message().contains("3 rows of realm_attribute (name=displayName, realm_id=r1; name=displayNameHtml,"
                + " realm_id=r1; name=displayName, realm_id=r2) moved into realm.display_name, realm.display_name_html,"
                + " added by this upgrade"), result.message());
        // The move is also a fact, which the verdict's notes list.
        assertEquals(List.of("3 rows of realm_attribute (name=displayName, realm_id=r1; name=displayNameHtml, realm_id=r1;"
                + " name=displayName, realm_id=r2) moved into realm.display_name, realm.display_name_html, added by this upgrade"),
                result.facts().moves());
        assertEquals(List.of(), result.facts().findingTables());
    }

    @Test
    void aMoveThatLeftOneValueBehindIsALossNamingTheRows() throws Exception {
        Context context = postgres.create(REALMS);
        context.snapshot("before-upgrade", ADD_DISPLAY_NAMES, MOVE_DISPLAY_NAME, DELETE_MOVED);

        CheckResult result = check(context, SINCE);

        assertEquals(Status.FAILED, result.status(), result.message());
        assertEquals("realm_attribute: 3 rows lost (4 before, 1 after): name=displayName, realm_id=r1 (value=Keycloak);"
                + " name=displayNameHtml, realm_id=r1 (value=<b>Keycloak</b>); name=displayName, realm_id=r2 (value=Shop)",
                result.message());
        assertEquals(List.of("realm_attribute"), result.facts().findingTables(), "a waiver may name this table");
        assertEquals(List.of(), result.facts().moves());
    }

    @Test
    void valuesThatWereAlreadyThereAreNoMove() throws Exception {
        Context context = postgres.create(REALMS);
        context.snapshot("before-upgrade", "UPDATE realm SET name = 'Keycloak' WHERE id = 'r1'",
                "DELETE FROM realm_attribute WHERE name = 'displayName' AND realm_id = 'r1'");

        CheckResult result = check(context, SINCE);

        assertEquals(Status.FAILED, result.status(), result.message());
        assertTrue(result.message().contains("realm_attribute: 1 row lost (4 before, 3 after): name=displayName, realm_id=r1"),
                result.message());
    }

    @Test
    void aDeclaredRemovalWithItsConditionAndReasonIsANoteNotALoss() throws Exception {
        Context context = postgres.create(REALMS);
        context.snapshot("before-upgrade", DELETE_MOVED);

        CheckResult result = check(context, Map.of("since", "before-upgrade", "removed", Map.of("realm_attribute",
                Map.of("where", "name in ('displayName', 'displayNameHtml')", "reason", "display names live on realm now"))));

        assertEquals(Status.PASSED, result.status(), result.message());
        assertTrue(result.message().contains("3 rows of realm_attribute (name=displayName, realm_id=r1; name=displayNameHtml,"
                + " realm_id=r1; name=displayName, realm_id=r2) removed as declared (name in ('displayName', 'displayNameHtml')):"
                + " display names live on realm now"), result.message());
    }

    @Test
    void rowsLostBeyondADeclaredMoveAreALossNamingOnlyThem() throws Exception {
        Context context = postgres.create(REALMS);
        context.snapshot("before-upgrade", ADD_DISPLAY_NAMES, MOVE_DISPLAY_NAME, DELETE_MOVED, "DELETE FROM realm_attribute");

        CheckResult result = check(context, Map.of("since", "before-upgrade", "moved", Map.of("realm_attribute",
                Map.of("where", "name like 'displayName%'", "to", List.of("realm.display_name", "realm.display_name_html")))));

        assertEquals(Status.FAILED, result.status(), result.message());
        assertEquals("realm_attribute: 4 rows lost (4 before, 0 after), 1 of them outside the declared move"
                + " (name like 'displayName%'): name=frontendUrl, realm_id=r1 (value=https://sso.example)", result.message());
    }

    @Test
    void aMoveMustSayWhereToAndAConditionMustBeValidSql() throws Exception {
        Context context = postgres.create(REALMS);
        context.snapshot("before-upgrade", DELETE_MOVED);

        IllegalArgumentException noTarget = assertThrows(IllegalArgumentException.class, () -> check(context,
                Map.of("since", "before-upgrade", "moved", Map.of("realm_attribute", "name = 'displayName'"))));
        assertTrue(noTarget.getMessage().contains("{where: SQL condition, to: [table.column], reason: why}"), noTarget.getMessage());
        IllegalArgumentException badSql = assertThrows(IllegalArgumentException.class, () -> check(context,
                Map.of("since", "before-upgrade", "removed", Map.of("realm_attribute", "nmae = 'displayName'"))));
        assertTrue(badSql.getMessage().contains("the condition declared for realm_attribute (nmae = 'displayName')"
                + " is not valid SQL for its rows"), badSql.getMessage());
    }

    @Test
    void aLostSubsetIsNamedByKeyTheRestCountedAndSecretsMasked() throws Exception {
        Context context = postgres.create("""
                CREATE TABLE users (id integer PRIMARY KEY, username text, password_hash text);
                INSERT INTO users SELECT i, 'user' || i, 'pbkdf2$' || md5(i::text) FROM generate_series(1, 8) i;
                """);
        context.snapshot("before-upgrade", "DELETE FROM users WHERE id % 2 = 0 OR id = 7");

        CheckResult result = check(context, SINCE);

        assertEquals(Status.FAILED, result.status(), result.message());
        assertEquals("users: 5 rows lost (8 before, 3 after): id=2 (username=user2, password_hash=***);"
                + " id=4 (username=user4, password_hash=***); id=6 (username=user6, password_hash=***); and 2 more",
                result.message());
    }

    @Test
    void aDeclaredRenameIsComparedUnderTheNewName() throws Exception {
        Context context = upgraded("ALTER TABLE missions ADD COLUMN title text", "UPDATE missions SET title = name",
                "ALTER TABLE missions DROP COLUMN name");

        CheckResult declared = check(context, Map.of("since", "before-upgrade", "renamed", Map.of("missions.name", "title")));
        CheckResult undeclared = check(context, SINCE);

        assertEquals(Status.PASSED, declared.status(), declared.message());
        assertTrue(declared.message().endsWith("missions: compared column by column on the 4 columns both shapes have"
                + " (renamed name -> title)"), declared.message());
        assertTrue(evidence(declared, "column by column").contains("missions.name -> title: same values in 3 rows"));
        assertEquals(Status.FAILED, undeclared.status());
        assertEquals("missions.name was dropped with 3 value(s); declare it under renamed: or changes: if intended",
                undeclared.message());
    }

    @Test
    void aRenamedColumnWhoseValuesChangedFails() throws Exception {
        Context context = upgraded("ALTER TABLE missions RENAME COLUMN name TO title",
                "UPDATE missions SET title = upper(title) WHERE id = 2");

        CheckResult result = check(context, Map.of("since", "before-upgrade", "renamed", Map.of("missions.name", "title")));

        assertEquals(Status.FAILED, result.status());
        assertTrue(result.message().startsWith("missions: values changed in [name -> title] (same 3 rows); rows now, e.g. "),
                result.message());
    }

    @Test
    void valuesSwappedBetweenRowsAreCaughtBecauseEachValueIsHashedWithItsKey() throws Exception {
        Context context = upgraded("ALTER TABLE missions ADD COLUMN priority integer",
                "UPDATE missions SET name = CASE id WHEN 1 THEN 'Gemini' WHEN 2 THEN 'Apollo' ELSE name END");

        CheckResult result = check(context, SINCE);

        assertEquals(Status.FAILED, result.status());
        assertTrue(result.message().startsWith("missions: values changed in [name] (same 3 rows)"), result.message());
    }

    /** A key's width may change (bigint to int) and its rows still match: values swapped between them are caught. */
    @Test
    void aNarrowedKeyStillMatchesRowsAndCatchesSwappedValues() throws Exception {
        Context context = upgraded("ALTER TABLE missions ALTER COLUMN id TYPE int, ADD COLUMN priority integer",
                "UPDATE missions SET name = CASE id WHEN 1 THEN 'Gemini' WHEN 2 THEN 'Apollo' ELSE name END");

        CheckResult result = check(context, SINCE);

        assertEquals(Status.FAILED, result.status());
        assertTrue(result.message().startsWith("missions: values changed in [name] (same 3 rows)"), result.message());
    }

    /**
     * A key whose type changed so that it seeds the values' hashes another way (an integer id that
     * became text) is not taken for every value having moved to another row, nor is a column whose
     * type changed so (text to jsonb) taken for changed values: each is a note that says why it was
     * not compared, and the other columns are still compared.
     */
    @Test
    void aRetypedKeyOrColumnIsSaidNotComparedInsteadOfChanged() throws Exception {
        CheckResult key = check(upgraded("ALTER TABLE missions ALTER COLUMN id TYPE text, ADD COLUMN priority integer"), SINCE);
        Context crewed = postgres.create(RELEASE_1, "ALTER TABLE missions ADD COLUMN crew integer", "UPDATE missions SET crew = id + 1");
        crewed.snapshot("before-upgrade", "ALTER TABLE missions ALTER COLUMN crew TYPE numeric(4, 1)",
                "UPDATE missions SET name = 'Mercury' WHERE id = 3");
        CheckResult column = check(crewed, SINCE);

        assertEquals(Status.PASSED, key.status(), key.message());
        assertTrue(key.message().contains("missions: content not compared column by column (the key's type changed, id: INTEGER -> TEXT,"
                + " so rows cannot be matched by key); counts match"), key.message());
        assertEquals(Status.FAILED, column.status());
        assertTrue(column.message().startsWith("missions: values changed in [name] (same 3 rows)"), column.message());
        assertTrue(evidence(column, "data since snapshot before-upgrade").contains("missions.crew: INTEGER -> NUMERIC: the type"
                + " changed, so its values are hashed another way and were not compared"), column.message());
        assertTrue(evidence(column, "column by column").contains("missions.crew: values not compared (type changed) in 3 rows"));
    }

    @Test
    void aDeclaredChangeIsReportedNotFailed() throws Exception {
        Context context = upgraded("UPDATE missions SET status = 'archived' WHERE status = 'done'");

        CheckResult undeclared = check(context, SINCE);
        CheckResult declared = check(context, Map.of("since", "before-upgrade", "changes", List.of("missions.status")));

        assertEquals(Status.FAILED, undeclared.status());
        assertTrue(undeclared.message().startsWith("missions: values changed in [status] (same 3 rows)"), undeclared.message());
        assertEquals(Status.PASSED, declared.status(), declared.message());
        assertTrue(declared.message().endsWith("missions: values changed in [status], as declared"), declared.message());
    }

    @Test
    void aDroppedColumnThatHeldNoValuesLosesNothing() throws Exception {
        CheckResult result = check(upgraded("ALTER TABLE missions DROP COLUMN notes"), SINCE);

        assertEquals(Status.PASSED, result.status(), result.message());
        assertTrue(result.message().contains("missions.notes was dropped; it held no values"), result.message());
    }

    @Test
    void aDroppedTableWithRowsFails() throws Exception {
        Context context = upgraded("DROP TABLE audit_log");

        CheckResult result = check(context, SINCE);
        CheckResult declared = check(context, Map.of("since", "before-upgrade", "changes", List.of("audit_log")));

        assertEquals(Status.FAILED, result.status());
        assertEquals("audit_log: the table is gone, and its 2 rows with it; declare it under changes: if intended", result.message());
        assertEquals(Status.PASSED, declared.status(), declared.message());
        assertTrue(declared.message().endsWith("audit_log: the table is gone with its 2 rows, as declared"), declared.message());
    }

    @Test
    void anAppendOnlyTableMayGrowButKeepsItsEarlierRows() throws Exception {
        Map<String, Object> appendOnly = Map.of("since", "before-upgrade", "appendOnly", List.of("audit_log"));

        CheckResult grown = check(upgraded("INSERT INTO audit_log (action) VALUES ('missions.delete')"), appendOnly);
        CheckResult rewritten = check(upgraded("UPDATE audit_log SET action = 'nothing' WHERE id = 1",
                "INSERT INTO audit_log (action) VALUES ('missions.delete')"), appendOnly);
        CheckResult edited = check(upgraded("UPDATE audit_log SET action = 'nothing' WHERE id = 1"),
                Map.of("since", "before-upgrade", "appendOnly", List.of("audit_log"), "changes", List.of("audit_log")));

        assertEquals(Status.PASSED, grown.status(), grown.message());
        assertTrue(grown.message().contains("audit_log: 1 row appended; the first 2 rows by id are unchanged"), grown.message());
        assertEquals(Status.FAILED, rewritten.status());
        assertTrue(rewritten.message().startsWith("audit_log is append-only, but its first 2 rows by id are not those of snapshot"
                + " before-upgrade (2 before, 3 after)"), rewritten.message());
        assertEquals(Status.FAILED, edited.status(), "a declared change does not apply to an append-only table");
    }

    @Test
    void notPreservedReportsLossesWithoutFailingExceptInAppendOnlyTables() throws Exception {
        Context context = upgraded("DELETE FROM missions WHERE id = 1", "DELETE FROM audit_log WHERE id = 2");

        CheckResult result = check(context, Map.of("since", "before-upgrade", "preserved", false, "appendOnly", List.of("audit_log")));
        CheckResult reported = check(context, Map.of("since", "before-upgrade", "preserved", "false"));

        assertEquals(Status.FAILED, result.status());
        assertTrue(result.message().startsWith("audit_log: 1 row lost (2 before, 1 after)"), result.message());
        assertEquals(Status.PASSED, reported.status(), reported.message());
        assertTrue(reported.message().contains("missions: 1 row lost (3 before, 2 after)"), reported.message());
    }

    @Test
    void suiteMistakesAreErrorsNotFindings() throws Exception {
        Context context = upgraded();

        assertThrows(IllegalArgumentException.class, () -> check(context, Map.of("since", "before-upgrade",
                "appendOnly", List.of("audit_logs"))));
        assertThrows(IllegalArgumentException.class, () -> check(context, Map.of("since", "before-upgrade",
                "renamed", Map.of("name", "title"))));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> check(context, Map.of("since", "after-upgrade")));
        assertTrue(unknown.getMessage().contains("names snapshot 'after-upgrade', but no snapshot of that name was taken"),
                unknown.getMessage());
    }

    private static String evidence(CheckResult result, String name) {
        return result.evidence().stream().filter(evidence -> evidence.name().equals(name)).map(Evidence::content).findFirst()
                .orElseThrow(() -> new AssertionError("no evidence '" + name + "' in " + result.evidence()));
    }
}
