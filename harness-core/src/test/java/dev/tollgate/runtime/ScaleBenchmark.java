package dev.tollgate.runtime;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.tollgate.check.CheckContext;
import dev.tollgate.check.CheckResult;
import dev.tollgate.check.CheckType;
import dev.tollgate.check.Status;
import dev.tollgate.check.convergence.ConvergenceCheck;
import dev.tollgate.check.data.DataCheck;
import dev.tollgate.db.DataFingerprint;
import dev.tollgate.db.SchemaSnapshot;
import dev.tollgate.db.Snapshot;
import dev.tollgate.model.CheckSpec;
import dev.tollgate.model.DatabaseSpec;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Release;
import dev.tollgate.model.ServiceSpec;
import dev.tollgate.model.SourcePosition;
import dev.tollgate.model.Variables;
import dev.tollgate.system.DatabaseEndpoint;
import dev.tollgate.system.RunningService;

/**
 * Tollgate's cost on a large database, phase by phase, against the tool a person would use for the
 * same job, measured side by side in one run at each size: {@code bench/scale/generate.sql} fills an
 * embedded PostgreSQL started as the local runtime starts it, then each phase and its peer run on it.
 * Writes {@code scale.json} (merged with the sizes an earlier run left there) and {@code scale.png}.
 * It asserts no time; the checks it times must pass.
 *
 * <pre>bench/scale.sh 1 5    # sizes in GB; see docs/benchmarks.md</pre>
 */
final class ScaleBenchmark {

    static final String DATA_DUMP = "pg_dump --data-only | sha256sum";
    static final String SCHEMA_DUMP = "pg_dump --schema-only | sha256sum";
    static final String SCHEMA_DIFF = "diff of two pg_dump --schema-only";
    static final String DUMP = "pg_dump -Fc";
    static final String RESTORE = "pg_restore";
    static final String DUMP_AND_RESTORE = "pg_dump -Fc + pg_restore";

    /** The phases, in the order of the table; each is Tollgate's code, timed beside its peer. */
    static final List<String> PHASES = List.of("dataFingerprint", "snapshot", "schemaSnapshot", "convergence", "templateBackup",
            "templateRestore", "templateBackupAndRestore", "pgDumpBackup", "pgDumpRestore", "dataCheck");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * One phase at one size.
     *
     * @param seconds     Tollgate's time (median of the rounds)
     * @param peer        what it is compared with
     * @param peerSeconds the peer's time in the same run (median)
     * @param target      the ratio asked for, if any
     */
    record Phase(String name, String label, double seconds, String peer, double peerSeconds, Double target) {

        @JsonProperty
        double ratio() {
            return seconds / peerSeconds;
        }

        @JsonProperty
        Boolean met() {
            return target == null ? null : ratio() <= target;
        }
    }

    /**
     * One size: what was generated and what each phase cost.
     *
     * @param createDatabaseTemplateSeconds the limit: one bare {@code CREATE DATABASE … TEMPLATE} of the database
     * @param maxHeapUsedBytes              the JVM's heap at its fullest while the phases ran (peaks of its pools, summed)
     */
    record Size(double nominalGb, long databaseBytes, int tables, long rows, double generateSeconds, int rounds,
            double createDatabaseTemplateSeconds, long maxHeapUsedBytes, long maxHeapBytes, List<Phase> phases) {

        Optional<Phase> phase(String name) {
            return phases.stream().filter(phase -> phase.name().equals(name)).findFirst();
        }

        double gb() {
            return databaseBytes / 1e9;
        }
    }

    /** What {@code scale.json} holds: every size measured, and how each phase's time grew between the two largest. */
    record Results(String machine, List<Size> sizes, Map<String, Double> growth) {
    }

    private ScaleBenchmark() {
    }

    /** {@code ScaleBenchmark [--out DIR] [--work DIR] [--rounds N] SIZE_GB…} */
    public static void main(String[] args) throws Exception {
        Path out = Path.of("target", "bench");
        Path work = Path.of("target", "scale-work");
        int rounds = 1;
        List<Double> sizes = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> sizes.add(Double.parseDouble(args[i]));
            }
        }
        if (sizes.isEmpty()) {
            throw new IllegalArgumentException("usage: ScaleBenchmark [--out DIR] [--work DIR] [--rounds N] SIZE_GB...");
        }
        run(sizes, out, work, rounds);
    }

    /** Measures each size, then writes the merged JSON and the plot into {@code out}. */
    static Results run(List<Double> sizes, Path out, Path work, int rounds) throws Exception {
        Files.createDirectories(out);
        Path json = out.resolve("scale.json");
        Map<Double, Size> measured = new java.util.TreeMap<>();
        if (Files.exists(json)) {
            JSON.readValue(json.toFile(), Results.class).sizes().forEach(size -> measured.put(size.nominalGb(), size));
        }
        for (double gb : sizes) {
            Size size = measure(gb, work, rounds);
            print(size);
            measured.put(gb, size);
        }
        List<Size> all = new ArrayList<>(measured.values());
        all.sort(Comparator.comparingDouble(Size::databaseBytes));
        Results results = new Results(machine(), all, growth(all));
        JSON.writeValue(json.toFile(), results);
        CostPlot.write(all, out.resolve("scale.png"));
        System.out.println("written to " + json.toAbsolutePath() + " and " + out.resolve("scale.png").toAbsolutePath());
        return results;
    }

    static Size measure(double gb, Path work, int rounds) throws Exception {
        Path dir = work.resolve(String.format(Locale.ROOT, "size-%s", gb)).toAbsolutePath();
        if (Files.exists(dir)) {
            RunDirectory.deleteRecursively(dir);
        }
        Files.createDirectories(dir);
        try (EmbeddedDatabase server = EmbeddedDatabase.start(new DatabaseSpec("app", 0, Map.of()), dir.resolve("pgdata"),
                dir.resolve("postgres.log"), "the scale benchmark")) {
            DatabaseEndpoint app = server.endpoint();
            System.out.printf(Locale.ROOT, "scale benchmark: generating %s GB ...%n", gb);
            ScaleDatabase.Made made = ScaleDatabase.generate(app, gb);
            System.out.printf(Locale.ROOT, "  %d tables, %,d rows, %.2f GB on disk, in %.1f s%n", made.tables(), made.rows(),
                    made.bytes() / 1e9, made.seconds());
            // The convergence check's reference: the same schema, no rows (a clean install).
            DatabaseEndpoint reference = server.createEmpty("reference");
            shell(app, "pg_dump --schema-only " + app.name() + " | psql -q -v ON_ERROR_STOP=1 " + reference.name());
            Context context = new Context(app, reference);
            Path dumps = dir.resolve("dumps");
            Files.createDirectories(dumps);

            Map<String, List<Double>> times = new LinkedHashMap<>();
            List<Double> limit = new ArrayList<>();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            for (int round = 0; round < rounds; round++) {
                // Peer and Tollgate alternate, so drift in a shared machine's load hits both alike.
                time(times, DATA_DUMP, () -> shell(app, "pg_dump --data-only " + app.name() + " | sha256sum"));
                time(times, "dataFingerprint", () -> DataFingerprint.read(app, Set.of()));
                time(times, "snapshot", () -> {
                    context.keep(Snapshot.take("before-upgrade", app, Set.of()));
                    return null;
                });
                time(times, SCHEMA_DUMP, () -> shell(app, "pg_dump --schema-only " + app.name() + " | sha256sum"));
                time(times, "schemaSnapshot", () -> SchemaSnapshot.read(app, Set.of()));
                // A fixed key: pg_dump otherwise writes a random one into each dump's \\restrict line.
                time(times, SCHEMA_DIFF, () -> shell(app, "diff <(pg_dump --schema-only --restrict-key=tollgate " + reference.name()
                        + ") <(pg_dump --schema-only --restrict-key=tollgate " + app.name() + ")"));
                time(times, "convergence", () -> context.check(new ConvergenceCheck(), Map.of("release", "bench")));

                // Tollgate's copy first: it pays for the checkpoint CREATE DATABASE makes, which writes out
                // the pages the readings above dirtied (hint bits); the limit then copies a quiet database.
                time(times, "templateBackup", () -> {
                    server.cloneInto("tollgate_backup_0");
                    return null;
                });
                time(times, "templateRestore", () -> {
                    server.replaceFrom("tollgate_backup_0");
                    return null;
                });
                execute(app, "DROP DATABASE tollgate_backup_0");
                time(limit, () -> execute(app, "CREATE DATABASE limit_copy TEMPLATE " + app.name()));
                execute(app, "DROP DATABASE limit_copy");

                Path peerDump = dumps.resolve("peer.dump");
                time(times, DUMP, () -> shell(app, "pg_dump -Fc --no-owner -f " + peerDump + " " + app.name()));
                time(times, RESTORE, () -> shell(app, "createdb peer_restore && pg_restore --no-owner --exit-on-error -d peer_restore "
                        + peerDump));
                execute(app, "DROP DATABASE peer_restore");
                Files.delete(peerDump);
                Path dump = dumps.resolve("backup-0.dump");
                time(times, "pgDumpBackup", () -> {
                    PgDumpTool.dump(app, dump, null);
                    return null;
                });
                time(times, "pgDumpRestore", () -> {
                    server.recreate();
                    PgDumpTool.restore(app, dump, null);
                    return null;
                });
                Files.delete(dump);
                // On the database pg_restore just wrote, as the restore check reads it; Tollgate first, so it
                // pays for the first reading of the new pages (hint bits), not its peer.
                time(times, "dataCheck", () -> context.check(new DataCheck(), Map.of("since", "before-upgrade")));
                time(times, DATA_DUMP + " (restored)", () -> shell(app, "pg_dump --data-only " + app.name() + " | sha256sum"));
            }
            long heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                    .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            double dumpAndRestore = median(times.get(DUMP)) + median(times.get(RESTORE));
            double templateBoth = median(times.get("templateBackup")) + median(times.get("templateRestore"));
            List<Phase> phases = List.of(
                    phase(times, "dataFingerprint", "data fingerprint", DATA_DUMP, 0.5),
                    phase(times, "snapshot", "whole snapshot: history, schema, row and column fingerprints", DATA_DUMP, 1.0),
                    phase(times, "schemaSnapshot", "schema snapshot", SCHEMA_DUMP, null),
                    phase(times, "convergence", "convergence check: two schemas read and compared", SCHEMA_DIFF, null),
                    phase(times, "templateBackup", "template backup (CREATE DATABASE … TEMPLATE)", DUMP, null),
                    phase(times, "templateRestore", "template restore (DROP, CREATE DATABASE … TEMPLATE)", RESTORE, null),
                    new Phase("templateBackupAndRestore", "template backup and restore", templateBoth, DUMP_AND_RESTORE,
                            dumpAndRestore, 0.3),
                    phase(times, "pgDumpBackup", "pg_dump backup", DUMP, null),
                    phase(times, "pgDumpRestore", "pg_dump restore (DROP, CREATE, pg_restore)", RESTORE, null),
                    phase(times, "dataCheck", "data check on the restored database", DATA_DUMP + " (restored)", null));
            return new Size(gb, made.bytes(), made.tables(), made.rows(), made.seconds(), rounds, median(limit), heap,
                    Runtime.getRuntime().maxMemory(), phases);
        } finally {
            RunDirectory.deleteRecursively(dir);
        }
    }

    private static Phase phase(Map<String, List<Double>> times, String name, String label, String peer, Double target) {
        return new Phase(name, label, median(times.get(name)), peer, median(times.get(peer)), target);
    }

    /**
     * For each phase and peer, its time at the largest size over its time at the next largest, divided
     * by how much the database grew: 1.0 is linear, less is better than linear.
     */
    static Map<String, Double> growth(List<Size> sizes) {
        Map<String, Double> growth = new LinkedHashMap<>();
        if (sizes.size() < 2) {
            return growth;
        }
        Size small = sizes.get(sizes.size() - 2);
        Size large = sizes.get(sizes.size() - 1);
        double grew = (double) large.databaseBytes() / small.databaseBytes();
        for (Phase phase : large.phases()) {
            small.phase(phase.name()).ifPresent(before -> {
                growth.put(phase.name(), phase.seconds() / before.seconds() / grew);
                growth.putIfAbsent(phase.peer(), phase.peerSeconds() / before.peerSeconds() / grew);
            });
        }
        return growth;
    }

    private static void print(Size size) {
        System.out.println();
        System.out.printf(Locale.ROOT, "scale benchmark, %s GB asked, %.2f GB on disk, %d tables, %,d rows, median of %d%n",
                size.nominalGb(), size.gb(), size.tables(), size.rows(), size.rounds());
        System.out.printf(Locale.ROOT, "  %-62s %9s %-34s %9s %7s %7s%n", "phase", "seconds", "peer", "seconds", "ratio", "target");
        for (Phase phase : size.phases()) {
            System.out.printf(Locale.ROOT, "  %-62s %9.2f %-34s %9.2f %7.2f %7s%n", phase.label(), phase.seconds(), phase.peer(),
                    phase.peerSeconds(), phase.ratio(), phase.target() == null ? "" : "≤ " + phase.target());
        }
        System.out.printf(Locale.ROOT, "  limit: one CREATE DATABASE … TEMPLATE %.2f s; JVM heap at most %.0f MB used (max %.0f MB)%n",
                size.createDatabaseTemplateSeconds(), size.maxHeapUsedBytes() / 1e6, size.maxHeapBytes() / 1e6);
    }

    private static String machine() {
        double[] load = new double[] {ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()};
        return String.format(Locale.ROOT, "%d cores, load average %.1f at the end, Java %s", Runtime.getRuntime().availableProcessors(),
                load[0], System.getProperty("java.version"));
    }

    private static void time(Map<String, List<Double>> times, String name, Callable<?> work) throws Exception {
        time(times.computeIfAbsent(name, key -> new ArrayList<>()), work);
    }

    private static void time(List<Double> into, Callable<?> work) throws Exception {
        long started = System.nanoTime();
        work.call();
        into.add((System.nanoTime() - started) / 1e9);
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static Object execute(DatabaseEndpoint database, String sql) throws SQLException {
        try (Connection connection = database.withName("postgres").connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        return null;
    }

    /** A peer as a person would type it, PostgreSQL's client tools reaching the server by environment. */
    private static Object shell(DatabaseEndpoint database, String command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "set -o pipefail; " + command).redirectErrorStream(true);
        builder.environment().putAll(Map.of("PGHOST", database.host(), "PGPORT", Integer.toString(database.port()),
                "PGUSER", database.user(), "PGPASSWORD", database.password()));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("'" + command + "' failed: " + output);
        }
        return output;
    }

    static boolean clientToolsPresent() {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "pg_dump")))
                && Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "pg_restore")));
    }

    /** The checks' view of the benchmark's database: the snapshot taken, and the schema-only copy as the clean install. */
    private static final class Context implements CheckContext {

        private final DatabaseEndpoint database;
        private final DatabaseEndpoint reference;
        private final Map<String, Snapshot> snapshots = new LinkedHashMap<>();
        private final Profile profile = new Profile("scale", "local", null,
                new ServiceSpec(List.of("none"), null, null, null, null, null, null, null), null);

        Context(DatabaseEndpoint database, DatabaseEndpoint reference) {
            this.database = database;
            this.reference = reference;
        }

        @Override
        public void keep(Snapshot snapshot) {
            snapshots.put(snapshot.name(), snapshot);
        }

        /** Runs the check; a phase whose check does not pass measured the wrong thing, so it ends the benchmark. */
        CheckResult check(CheckType type, Map<String, Object> config) {
            CheckResult result = type.run(new CheckSpec(type.type(), null, config, new SourcePosition(Path.of("scale"), 1, 1)), this);
            if (result.status() != Status.PASSED) {
                throw new IllegalStateException("the " + type.type() + " check did not pass: " + result.message());
            }
            return result;
        }

        @Override
        public Profile profile() {
            return profile;
        }

        @Override
        public Optional<RunningService> service() {
            return Optional.empty();
        }

        @Override
        public DatabaseEndpoint database() {
            return database;
        }

        @Override
        public Variables variables() {
            return Variables.of(Map.of("candidate", "bench"));
        }

        @Override
        public void capture(String name, String value) {
            throw new UnsupportedOperationException("the benchmark's checks capture nothing");
        }

        @Override
        public Optional<Snapshot> snapshot(String name) {
            return Optional.ofNullable(snapshots.get(name));
        }

        @Override
        public DatabaseEndpoint cleanInstallReference(Release release) {
            return reference;
        }
    }
}
