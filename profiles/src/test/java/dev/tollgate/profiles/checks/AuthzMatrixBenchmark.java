package dev.tollgate.profiles.checks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tollgate.check.CheckResult;
import dev.tollgate.check.authz.AuthzCheck;

/**
 * How long a 500-case authorization matrix takes against the running sample service (release
 * 1.1.0 on the embedded PostgreSQL), sequentially and in parallel. Run with
 * {@code mvn -B verify -Pbench -pl profiles -am}; prints a table and writes
 * {@code target/bench/authz-matrix.json}. It asserts that the matrix passes, never a time.
 */
@Tag("benchmark")
class AuthzMatrixBenchmark extends RunningRelease {

    private static final int CASES = 500;
    private static final int SUBJECTS = 5;
    // The sample matrix's requests, each with every proof it has there (read-back, audit, explain).
    private static final List<String> REQUESTS = List.of("""
              - request: GET /api/v1/missions/${mission}
                status: 200
                expect: "admin, owner, contributor, viewer: allow; anonymous: deny"
                explain: { action: read, resource: missions }
            """, """
              - request: PUT /api/v1/missions/${mission}
                body: { status: active }
                status: 200
                expect: "admin, owner, contributor: allow; viewer, anonymous: deny"
                explain: { action: update, resource: missions }
            """, """
              - request: DELETE /api/v1/missions/${mission}
                status: 204
                expect: "admin, owner: allow; contributor, viewer, anonymous: deny"
                explain: { action: delete, resource: missions }
            """, """
              - request: POST /api/v1/missions
                body: { name: bench }
                status: 201
                expect: "admin, owner, contributor: allow; viewer, anonymous: deny"
            """, """
              - request: GET /api/v1/admin/audit?limit=1
                status: 200
                expect: "admin: allow; owner, contributor, viewer, anonymous: deny"
            """);

    private record Run(int parallel, int cases, double seconds) {

        double perSecond() {
            return cases / seconds;
        }
    }

    @Test
    void fiveHundredCases(@TempDir Path dir) throws IOException {
        StringBuilder matrix = new StringBuilder("""
                resources:
                  mission:
                    create: POST /api/v1/missions
                    body: { name: bench }
                    as: admin
                cases:
                """);
        for (int i = 0; i < CASES / SUBJECTS; i++) {
            matrix.append(REQUESTS.get(i % REQUESTS.size()).stripTrailing().replaceAll("(?m)^", "")).append('\n');
        }
        Path file = dir.resolve("bench.matrix.yaml");
        Files.writeString(file, matrix.toString());

        AuthzCheck authz = new AuthzCheck();
        run(authz, "{matrix: " + file + ", parallel: 8, requireFullCoverage: false}");  // warm both JVMs up
        List<Run> runs = new ArrayList<>();
        for (int parallel : new int[] {1, 4, 8, 16}) {
            long started = System.nanoTime();
            CheckResult result = run(authz, "{matrix: " + file + ", parallel: " + parallel + ", requireFullCoverage: false}");
            double seconds = (System.nanoTime() - started) / 1e9;
            assertTrue(result.passed(), result.message());
            assertTrue(result.message().startsWith(CASES + " of " + CASES + " cases as expected"), result.message());
            runs.add(new Run(parallel, CASES, seconds));
        }

        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%n%-9s %6s %8s %8s%n", "parallel", "cases",
                "seconds", "cases/s"));
        runs.forEach(run -> table.append(String.format(Locale.ROOT, "%-9d %6d %8.2f %8.1f%n", run.parallel(), run.cases(),
                run.seconds(), run.perSecond())));
        System.out.println("authz matrix against sample-app " + RELEASE + " (local profile)" + table);
        StringBuilder json = new StringBuilder("{\n  \"benchmark\": \"authz-matrix\",\n  \"release\": \"" + RELEASE
                + "\",\n  \"runs\": [\n");
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            json.append(String.format(Locale.ROOT, "    {\"parallel\": %d, \"cases\": %d, \"seconds\": %.3f, \"casesPerSecond\": %.1f}%s%n",
                    run.parallel(), run.cases(), run.seconds(), run.perSecond(), i + 1 < runs.size() ? "," : ""));
        }
        json.append("  ]\n}\n");
        Path out = Path.of("target", "bench", "authz-matrix.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, json.toString());
    }
}
