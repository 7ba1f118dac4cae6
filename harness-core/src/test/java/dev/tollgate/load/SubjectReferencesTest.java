package dev.tollgate.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tollgate.check.CheckRegistry;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Suite;
import dev.tollgate.model.Variables;

/** A suite that names a subject the profile lacks is refused before anything runs, with file:line. */
class SubjectReferencesTest {

    @TempDir
    Path dir;

    @Test
    void anUndefinedSubjectIsNamedWithItsLineAndTheNearestDeclaredOne() throws IOException {
        Path profileFile = Files.writeString(dir.resolve("profile.yaml"), """
                name: shapes
                service: { command: [java] }
                subjects:
                  admin: { header: { name: X-Api-Key }, token: k-1 }
                  viewer: { basic: { username: vera, password: p-2 } }
                """);
        Profile profile = new ProfileLoader(Variables.of(Map.of())).load(profileFile);
        Path suiteFile = Files.writeString(dir.resolve("s.suite.yaml"), """
                suite: s
                scenario:
                  - check:
                      - http: { path: /a, as: admin }
                      - http: { path: /b, as: adimn }
                      - http: { path: /c, as: "${env.SOME_TOKEN}" }
                """);
        CheckRegistry registry = CheckRegistry.of(List.of(new SuiteLoaderTest.TestType("http", Set.of("path", "as"), Set.of("path"))));
        Suite suite = new SuiteLoader(registry, Set.of(),
                Variables.of(Map.of("env.SOME_TOKEN", "t"))).load(suiteFile).suite().orElseThrow();

        assertEquals(List.of(suiteFile + ":5:9: check 'http' is sent as subject 'adimn', which " + profileFile
                + " does not declare; did you mean 'admin'? Subjects: admin, viewer. Declare it under subjects: in the profile,"
                + " or fix the name"), SubjectReferences.undefined(suite, profile));
    }

    @Test
    void aMatrixNamingASubjectNobodyDeclaresIsFoundBeforeAnythingRuns() throws IOException {
        Path profileFile = Files.writeString(dir.resolve("profile.yaml"), """
                name: shapes
                service: { command: [java] }
                subjects:
                  admin: { token: k-1 }
                """);
        Profile profile = new ProfileLoader(Variables.of(Map.of())).load(profileFile);
        Files.writeString(dir.resolve("m.matrix.yaml"), """
                cases:
                  - request: GET /a
                    expect: "admin: allow; auditor: deny"
                """);
        Path suiteFile = Files.writeString(dir.resolve("m.suite.yaml"), """
                suite: m
                scenario:
                  - check:
                      - authz: { matrix: m.matrix.yaml }
                """);
        CheckRegistry registry = CheckRegistry.of(List.of(new dev.tollgate.check.authz.AuthzCheck()));
        Suite suite = new SuiteLoader(registry, Set.of(), Variables.of(Map.of())).load(suiteFile).suite().orElseThrow();

        List<String> problems = SubjectReferences.undefined(suite, profile);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(dir.resolve("m.matrix.yaml") + ":2:"), problems.get(0));
        assertTrue(problems.get(0).contains("'auditor'") && problems.get(0).contains("declares: admin"), problems.get(0));
    }
}
