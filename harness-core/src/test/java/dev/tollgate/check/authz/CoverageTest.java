package dev.tollgate.check.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tollgate.model.AuthzSpec;
import dev.tollgate.model.Profile;
import dev.tollgate.model.ServiceSpec;

class CoverageTest {

    @Test
    void routesFromAnOpenApiDocumentAreMatchedWhateverNamesTheirParameters(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("openapi.yaml"), """
                openapi: 3.0.3
                paths:
                  /things:
                    get: {}
                    post: {}
                    parameters: []
                  /things/{thingId}:
                    delete: {}
                """);
        Profile profile = new Profile("p", "local", null, new ServiceSpec(List.of("x"), null, null, null, null, null, null,
                null), dir.resolve("profile.yaml"), Map.of(), new AuthzSpec(null, null, null, null, "openapi.yaml", null), null);
        Matrix matrix = MatrixReader.read(dir.resolve("m.matrix.yaml"), """
                resources:
                  thing: { create: POST /things, as: admin }
                cases:
                  - request: GET /things?limit=5
                    expect: "admin, viewer: allow"
                  - request: DELETE /things/${thing}
                    expect: "admin: allow"
                  - request: PATCH /gadgets
                    expect: "admin: deny"
                """).matrix().orElseThrow();
        LinkedHashSet<String> subjects = new LinkedHashSet<>(List.of("admin", "viewer"));

        Coverage coverage = Coverage.of(profile, Expansion.probes(matrix, subjects), subjects);

        assertEquals(List.of("GET /things", "POST /things", "DELETE /things/{thingId}"), List.copyOf(coverage.routes().values()));
        assertEquals(Map.of("POST /things", List.of("admin", "viewer"), "DELETE /things/{thingId}", List.of("viewer")),
                coverage.uncovered());
        assertEquals(3, coverage.gaps());
        assertTrue(coverage.report(2).contains("requests of the matrix that match no listed route: PATCH /gadgets"),
                coverage.report(2));
        assertEquals("coverage: 3 routes × 2 subjects, 3 pair(s) no case covers: POST /things × admin, viewer;"
                + " DELETE /things/{thingId} × viewer", coverage.summary(2));
    }

    @Test
    void withoutARouteListCoverageIsNotMeasuredAndSaysSo() {
        Profile profile = new Profile("p", "local", null, new ServiceSpec(List.of("x"), null, null, null, null, null, null,
                null), null);
        Coverage coverage = Coverage.of(profile, List.of(), new LinkedHashSet<>(List.of("admin")));
        assertEquals("coverage not measured: the profile lists no routes (authz.routes or authz.openapi)", coverage.summary(1));
    }
}
