package dev.tollgate.db;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.tollgate.system.DatabaseEndpoint;

/**
 * How long the data fingerprint of a database of 1.2 million rows takes, as a ratio to its peer in
 * the same run: {@code pg_dump --data-only | sha256sum}, the cheapest way a person would prove "the
 * data is the same" by hand. Target: at most 0.7. Run with {@code mvn -B verify -Pbench -pl harness-core};
 * prints a table and writes {@code harness-core/target/bench/fingerprint.json}. It asserts no time.
 */
@Tag("benchmark")
class FingerprintBenchmark {

    private static final int ROUNDS = 3;

    @RegisterExtension
    static final TestDatabases postgres = TestDatabases.perClass();

    @Test
    void fingerprintComparedWithPgDumpAndSha256() throws Exception {
        assumeTrue(onPath("pg_dump") && onPath("sha256sum"), "pg_dump and sha256sum must be on the PATH (Debian: postgresql-client)");
        DatabaseEndpoint database = postgres.create(
                "CREATE TABLE missions (id bigint PRIMARY KEY, name text NOT NULL, status text NOT NULL, notes text,"
                        + " priority int, created_at timestamptz NOT NULL)",
                "INSERT INTO missions SELECT i, 'mission ' || i, (ARRAY['planned','active','done'])[1 + i % 3],"
                        + " CASE WHEN i % 4 = 0 THEN NULL ELSE md5(i::text) END, i % 5,"
                        + " timestamptz '2026-01-01' + i * interval '1 second' FROM generate_series(1, 1000000) i",
                "CREATE TABLE audit_log (id bigint PRIMARY KEY, actor text NOT NULL, action text NOT NULL, at timestamptz NOT NULL)",
                "INSERT INTO audit_log SELECT i, 'user' || (i % 97), 'update', timestamptz '2026-01-01' + i * interval '1 minute'"
                        + " FROM generate_series(1, 200000) i",
                "VACUUM ANALYZE");
        long rows = 1_200_000;

        List<Double> fingerprint = new ArrayList<>();
        List<Double> snapshot = new ArrayList<>();
        List<Double> peer = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {  // interleaved, so drift in the machine hits all alike
            peer.add(seconds(() -> pgDumpSha256(database)));
            fingerprint.add(seconds(() -> DataFingerprint.read(database, Set.of())));
            snapshot.add(seconds(() -> Snapshot.take("bench", database, Set.of())));
        }
        double peerMedian = median(peer);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("rows", rows);
        figures.put("rounds", ROUNDS);
        figures.put("pgDumpDataOnlySha256Seconds", peer);
        figures.put("dataFingerprintSeconds", fingerprint);
        figures.put("snapshotSeconds", snapshot);
        figures.put("dataFingerprintRatio", median(fingerprint) / peerMedian);
        figures.put("snapshotRatio", median(snapshot) / peerMedian);
        figures.put("target", 0.7);

        System.out.println();
        System.out.printf(Locale.ROOT, "fingerprint benchmark, %,d rows, median of %d%n", rows, ROUNDS);
        System.out.printf(Locale.ROOT, "  %-44s %8s %8s%n", "", "seconds", "ratio");
        System.out.printf(Locale.ROOT, "  %-44s %8.2f %8.2f%n", "pg_dump --data-only | sha256sum (peer)", peerMedian, 1.0);
        System.out.printf(Locale.ROOT, "  %-44s %8.2f %8.2f%n", "data fingerprint (Tollgate)", median(fingerprint),
                median(fingerprint) / peerMedian);
        System.out.printf(Locale.ROOT, "  %-44s %8.2f %8.2f%n", "whole snapshot: history, schema, fingerprints", median(snapshot),
                median(snapshot) / peerMedian);
        Path out = Path.of("target", "bench", "fingerprint.json");
        Files.createDirectories(out.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), figures);
        System.out.println("  written to " + out.toAbsolutePath());
    }

    /**
     * Many tables, each below PostgreSQL's threshold for a parallel scan (a service's usual shape):
     * the tables read side by side on connections of one exported snapshot, against one connection
     * reading them one after another, in the same run.
     */
    @Test
    void manyTablesReadSideBySideComparedWithOneConnection() throws Exception {
        int tables = 40;
        int rowsEach = 20_000;
        List<String> setUp = new ArrayList<>();
        for (int table = 0; table < tables; table++) {
            setUp.add("CREATE TABLE t" + table + " (id bigint PRIMARY KEY, name text NOT NULL, at timestamptz NOT NULL)");
            setUp.add("INSERT INTO t" + table + " SELECT i, md5(i::text), timestamptz '2026-01-01' + i * interval '1 minute'"
                    + " FROM generate_series(1, " + rowsEach + ") i");
        }
        setUp.add("VACUUM ANALYZE");
        DatabaseEndpoint database = postgres.create(setUp.toArray(String[]::new));

        List<Double> oneConnection = new ArrayList<>();
        List<Double> sideBySide = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            oneConnection.add(seconds(() -> {
                try (java.sql.Connection connection = Catalog.open(database)) {
                    return DataFingerprint.read(connection, null, Set.of());
                }
            }));
            sideBySide.add(seconds(() -> DataFingerprint.read(database, Set.of())));
        }
        double peer = median(oneConnection);
        System.out.println();
        System.out.printf(Locale.ROOT, "fingerprint benchmark, %d tables of %,d rows, median of %d%n", tables, rowsEach, ROUNDS);
        System.out.printf(Locale.ROOT, "  %-44s %8s %8s%n", "", "seconds", "ratio");
        System.out.printf(Locale.ROOT, "  %-44s %8.2f %8.2f%n", "one connection, table after table (peer)", peer, 1.0);
        System.out.printf(Locale.ROOT, "  %-44s %8.2f %8.2f%n", "tables side by side, one snapshot", median(sideBySide),
                median(sideBySide) / peer);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("tables", tables);
        figures.put("rowsPerTable", rowsEach);
        figures.put("oneConnectionSeconds", oneConnection);
        figures.put("sideBySideSeconds", sideBySide);
        figures.put("ratio", median(sideBySide) / peer);
        Path out = Path.of("target", "bench", "fingerprint-many-tables.json");
        Files.createDirectories(out.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), figures);
        System.out.println("  written to " + out.toAbsolutePath());
    }

    private static Object pgDumpSha256(DatabaseEndpoint database) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "set -o pipefail; pg_dump --data-only --host=" + database.host()
                + " --port=" + database.port() + " --username=" + database.user() + " --no-password " + database.name()
                + " | sha256sum").redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", database.password());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("pg_dump | sha256sum failed: " + output);
        }
        return output;
    }

    private static double seconds(Callable<?> work) throws Exception {
        long started = System.nanoTime();
        work.call();
        return (System.nanoTime() - started) / 1e9;
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static boolean onPath(String tool) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }
}
