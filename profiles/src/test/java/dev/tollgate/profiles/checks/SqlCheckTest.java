package dev.tollgate.profiles.checks;

import static dev.tollgate.check.Status.BROKEN;
import static dev.tollgate.check.Status.FAILED;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.tollgate.check.CheckResult;
import dev.tollgate.check.sql.SqlCheck;
import dev.tollgate.profiles.LocalProfile;

/** The {@code sql} check against the sample service's real database. */
class SqlCheckTest extends RunningRelease {

    private final SqlCheck sql = new SqlCheck();

    /** Two missions of olivia's, created through the API as users would. */
    @BeforeAll
    void seed() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (String name : new String[] {"Apollo", "Gemini"}) {
            HttpResponse<String> created = client.send(HttpRequest.newBuilder(
                    runtime.current().orElseThrow().resolve("/api/v1/missions"))
                    .header("Authorization", "Bearer " + LocalProfile.token(profile, "owner"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(created.statusCode() == 201, created.body());
        }
    }

    @Test
    void passesOnTheExpectedSingleValue() {
        CheckResult result = run(sql, """
                query: SELECT count(*) FROM missions WHERE owner = ?
                params: [olivia]
                expect: 2
                """);
        assertPasses(result);
        assertTrue(evidence(result).contains("-- params: ['olivia']"), evidence(result));
        assertTrue(evidence(result).contains(" count\n-------\n 2\n(1 row)"), evidence(result));
    }

    @Test
    void scalarMismatchSaysWhatWasExpectedAndWhatCameBack() {
        assertResult(FAILED, run(sql, """
                query: SELECT count(*) FROM missions
                expect: 3
                """), "expected the single value 3; the query returned 2");
        assertResult(FAILED, run(sql, """
                query: SELECT name FROM missions
                expect: Apollo
                """), "expected a single value 'Apollo' (one row of one column); the query returned 2 rows");
    }

    @Test
    void comparesRowsInOrderAsListsOrNamedColumns() {
        assertPasses(run(sql, """
                query: SELECT name, status, priority FROM missions ORDER BY id
                expect:
                  - [Apollo, planned, 3]
                  - { name: Gemini, priority: "3" }
                """));
        CheckResult result = run(sql, """
                query: SELECT name, status FROM missions ORDER BY id
                expect:
                  - [Apollo, planned]
                  - { name: Mercury }
                """);
        assertResult(FAILED, result, "row 2: expected name = 'Mercury'; it was 'Gemini'");
        assertTrue(evidence(result).contains(" Apollo | planned"), evidence(result));
    }

    @Test
    void rowCountMismatchSaysBothCounts() {
        assertPasses(run(sql, "{query: SELECT * FROM missions, expect: {rows: 2}}"));
        assertResult(FAILED, run(sql, "{query: SELECT * FROM missions, expect: {rows: 5}}"),
                "expected 5 rows; the query returned 2");
    }

    @Test
    void bindsACapturedStringWhereTheColumnIsANumber() {
        context.capture("apolloId", Long.toString(idOf("Apollo")));
        assertPasses(run(sql, """
                query: SELECT name FROM missions WHERE id = ?
                params: ["${apolloId}"]
                expect: Apollo
                """));
    }

    @Test
    void isReadOnlyUnlessWritesAreDeclared() {
        String delete = "{query: DELETE FROM missions}";
        assertFalse(sql.destructive(settings(delete)));
        assertResult(BROKEN, run(sql, delete), "read-only transaction", "SQLSTATE 25006");
        assertPasses(run(sql, "{query: SELECT count(*) FROM missions, expect: 2}"));

        String update = """
                query: UPDATE missions SET notes = ? WHERE name = ?
                params: [checked, Gemini]
                writes: true
                expect: { rows: 1 }
                """;
        assertTrue(sql.destructive(settings(update)));
        assertPasses(run(sql, update));
        assertPasses(run(sql, "{query: \"SELECT notes FROM missions WHERE name = 'Gemini'\", expect: checked}"));
    }

    @Test
    void capturesADigestThatALaterComparisonFindsChanged() {
        String digest = "query: SELECT md5(string_agg(name || ':' || status, ',' ORDER BY name)) AS digest FROM missions\n";
        CheckResult captured = run(sql, digest + "capture: { missionsDigest: digest }");
        assertPasses(captured);
        assertTrue(captured.message().endsWith("returned 1 row(s); captured missionsDigest"), captured.message());
        assertTrue(context.variables().resolve("${missionsDigest}").matches("[0-9a-f]{32}"));
        assertTrue(sql.captures(settings(digest + "capture: { missionsDigest: digest }")).contains("missionsDigest"));
        assertPasses(run(sql, digest + "expect: \"${missionsDigest}\""));

        String gemini = "{query: \"UPDATE missions SET status = ? WHERE name = 'Gemini'\", writes: true, params: [%s]}";
        assertPasses(run(sql, gemini.formatted("active")));
        try {
            assertResult(FAILED, run(sql, digest + "expect: \"${missionsDigest}\""), "expected the single value '");
        } finally {
            assertPasses(run(sql, gemini.formatted("planned")));
        }
        assertResult(FAILED, run(sql, "{query: SELECT name FROM missions, capture: { any: name }}"),
                "expected one row to capture any from; it returned 2 rows");
    }

    @Test
    void readsAnotherDatabaseOfTheSameServer() {
        assertPasses(run(sql, "{query: SELECT current_database(), database: postgres, expect: postgres}"));
    }

    @Test
    void aQueryThatCannotRunIsBrokenNotFailed() {
        assertResult(BROKEN, run(sql, "{query: SELECT nope FROM missions, expect: 1}"),
                "'SELECT nope FROM missions' failed on", "SQLSTATE 42703", "column \"nope\" does not exist");
    }

    private long idOf(String name) {
        try (var connection = runtime.database().connect();
                var statement = connection.prepareStatement("SELECT id FROM missions WHERE name = ?")) {
            statement.setString(1, name);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
