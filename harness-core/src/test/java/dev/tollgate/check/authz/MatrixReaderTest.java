package dev.tollgate.check.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.tollgate.model.AuthzCase.Decision;
import dev.tollgate.model.LoadIssue;

class MatrixReaderTest {

    private static final Path FILE = Path.of("sample.matrix.yaml");
    private static final Set<String> SUBJECTS = new LinkedHashSet<>(List.of("admin", "owner", "contributor", "viewer", "anonymous"));

    private static Matrix read(String yaml) {
        MatrixReader.Result result = MatrixReader.read(FILE, yaml);
        assertEquals(List.of(), result.issues());
        return result.matrix().orElseThrow();
    }

    private static List<String> issues(String yaml) {
        return MatrixReader.read(FILE, yaml).issues().stream().map(LoadIssue::toString).toList();
    }

    @Test
    void readsRowsGroupsResourcesAndBodiesWithTheirTypes() {
        Matrix matrix = read("""
                groups:
                  writers: [admin, owner, contributor]
                resources:
                  mission:
                    create: /api/v1/missions
                    body: { name: probe, priority: 2, urgent: true }
                    as: admin
                cases:
                  - request: delete /api/v1/missions/${mission}
                    status: 204
                    expect: "admin, owner: allow; viewer, anonymous: deny"
                    explain: { action: delete, resource: missions }
                  - request: PUT /api/v1/missions/${mission}
                    body: { status: done }
                    expect: { allow: [writers], deny: [others] }
                """);
        Matrix.Resource mission = matrix.resources().get("mission");
        assertEquals("POST /api/v1/missions", mission.create().toString());
        assertEquals("/api/v1/missions/${mission}", mission.readPath());
        assertEquals(Map.of("name", "probe", "priority", 2L, "urgent", true), mission.body());
        Matrix.Case delete = matrix.cases().get(0);
        assertEquals("DELETE /api/v1/missions/${mission}", delete.request().toString());
        assertEquals(List.of(204), delete.status());
        assertEquals(List.of("mission"), delete.request().references());
        assertEquals(9, delete.position().line());
        assertEquals("delete", delete.explain().action());
    }

    @Test
    void expandsGroupsAndOthersIntoOneProbePerSubject() {
        Matrix matrix = read("""
                groups:
                  writers: [admin, owner, contributor]
                cases:
                  - request: DELETE /x
                    expect: "admin, owner: allow; viewer, anonymous: deny"
                  - request: PUT /x
                    expect: "writers: allow; others: deny"
                """);
        List<Probe> probes = Expansion.probes(matrix, SUBJECTS);
        assertEquals(4 + 5, probes.size(), "the first case leaves contributor out; the second names everyone");
        assertEquals(List.of("admin allow", "owner allow", "viewer deny", "anonymous deny"), probes.subList(0, 4).stream()
                .map(probe -> probe.subject() + " " + probe.expected().name().toLowerCase(java.util.Locale.ROOT)).toList());
        assertEquals(List.of("admin", "owner", "contributor"), probes.subList(4, 9).stream()
                .filter(probe -> probe.expected() == Decision.ALLOW).map(Probe::subject).toList());
        assertEquals(List.of("viewer", "anonymous"), probes.subList(4, 9).stream()
                .filter(probe -> probe.expected() == Decision.DENY).map(Probe::subject).toList());
    }

    @Test
    void anUnknownSubjectIsNamedWithTheCaseAndWhatWouldBeValid() {
        Matrix matrix = read("""
                cases:
                  - request: GET /x
                    expect: "admin: allow; vewer: deny"
                """);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Expansion.probes(matrix, SUBJECTS));
        assertTrue(e.getMessage().startsWith("sample.matrix.yaml:2:5: unknown subject 'vewer'; did you mean 'viewer'?"),
                e.getMessage());
    }

    @Test
    void aSubjectWithTwoDecisionsInOneCaseIsAMistake() {
        assertEquals(List.of("sample.matrix.yaml:3:13: 'admin' appears twice in expect; give each subject one decision"),
                issues("""
                        cases:
                          - request: GET /x
                            expect: "admin: allow; admin, viewer: deny"
                        """));
        Matrix matrix = read("""
                groups: { staff: [admin, owner] }
                cases:
                  - request: GET /x
                    expect: "staff: allow; admin: deny"
                """);
        assertThrows(IllegalArgumentException.class, () -> Expansion.probes(matrix, SUBJECTS));
    }

    @Test
    void everyMistakeIsReportedAtOnceWithItsPosition() {
        List<String> found = issues("""
                resourcs: {}
                resources:
                  mission: { create: POST /api/v1/missions }
                cases:
                  - request: GET /api/v1/missions/${misson}
                    expect: admin allow
                  - expect: "admin: permit"
                    status: 20
                """);
        assertEquals(List.of(
                "sample.matrix.yaml:1:1: unknown key 'resourcs' at the top of an authz matrix; did you mean 'resources'?"
                        + " Valid keys: cases, description, groups, resources, subjects.",
                "sample.matrix.yaml:3:12: resource 'mission' needs 'as': the subject that creates it, like as: admin",
                "sample.matrix.yaml:5:14: ${misson} is not a resource of this matrix; resources: mission",
                "sample.matrix.yaml:6:13: 'admin allow' has no decision; write names: allow or names: deny, like expect:"
                        + " \"admin, owner: allow; viewer, anonymous: deny\"",
                "sample.matrix.yaml:7:5: 'request' needs METHOD /path, like GET /api/v1/items",
                "sample.matrix.yaml:7:13: unknown decision 'permit'; write allow or deny",
                "sample.matrix.yaml:8:13: 'status' is the documented success status, like 200 or [200, 204]; found '20'"),
                found);
    }

    @Test
    void aYamlSyntaxErrorPointsAtWhereTheParserStopped() {
        List<String> found = issues("cases:\n  - request: GET /x\n    expect: \"admin: allow\n");
        assertEquals(1, found.size());
        assertTrue(found.get(0).startsWith("sample.matrix.yaml:4:1: not valid YAML"), found.toString());
    }

    @Test
    void subjectsDeclaredInTheMatrixAreReadLikeAProfilesAndNeverPrinted() {
        Matrix matrix = read("""
                subjects:
                  auditor: { token: s3cr3t-auditor }
                  guest: { anonymous: true }
                cases:
                  - request: GET /x
                    expect: "auditor: allow; guest: deny"
                """);
        assertEquals("s3cr3t-auditor", matrix.subjects().get("auditor").token());
        assertTrue(matrix.subjects().get("guest").isAnonymous());
        assertTrue(!matrix.subjects().toString().contains("s3cr3t"), matrix.subjects().toString());
        assertEquals(List.of("sample.matrix.yaml:2:9: subject 'both': a subject takes one of token, tokenFile, login,"
                + " oauth2, basic, anonymous; found token and anonymous (an anonymous subject sends no credentials)"), issues("""
                subjects:
                  both: { token: x, anonymous: true }
                cases:
                  - request: GET /x
                    expect: "both: allow"
                """));
    }
}
