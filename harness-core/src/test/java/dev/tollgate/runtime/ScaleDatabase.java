package dev.tollgate.runtime;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.tollgate.system.DatabaseEndpoint;

/**
 * Builds the scale benchmark's database from {@code bench/scale/generate.sql}: every row made in the
 * server with {@code generate_series}, tables side by side on {@value #CONNECTIONS} connections.
 */
final class ScaleDatabase {

    private static final int CONNECTIONS = 2;
    private static final Pattern FAMILY = Pattern.compile("^-- family (\\w+) (\\d+)$", Pattern.MULTILINE);

    /** What was made: tables, rows and the database's size on disk as PostgreSQL counts it. */
    record Made(int tables, long rows, long bytes, double seconds) {
    }

    private ScaleDatabase() {
    }

    /** The generator in the checkout: {@code bench/scale/generate.sql} above the working directory. */
    static Path script() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path script = dir.resolve("bench/scale/generate.sql");
            if (Files.isRegularFile(script)) {
                return script;
            }
        }
        throw new IllegalStateException("bench/scale/generate.sql not found above " + Path.of("").toAbsolutePath()
                + ": run from the Tollgate checkout (or a module of it)");
    }

    /** Each table's statements, {@code {scale}} and {@code {n}} filled in. */
    static List<String> tasks(String script, double scaleGb) {
        List<String> tasks = new ArrayList<>();
        Matcher family = FAMILY.matcher(script);
        List<int[]> starts = new ArrayList<>();
        while (family.find()) {
            starts.add(new int[] {family.start(), family.end(), Integer.parseInt(family.group(2))});
        }
        if (starts.isEmpty()) {
            throw new IllegalArgumentException("the generator has no '-- family NAME COUNT' line");
        }
        for (int i = 0; i < starts.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : script.length();
            String block = script.substring(starts.get(i)[1], end).replace("{scale}", String.format(Locale.ROOT, "%.6f", scaleGb));
            for (int n = 1; n <= starts.get(i)[2]; n++) {
                tasks.add(block.replace("{n}", Integer.toString(n)));
            }
        }
        return tasks;
    }

    /** Fills {@code database} (which must exist, empty) to about {@code scaleGb} GB. */
    static Made generate(DatabaseEndpoint database, double scaleGb) throws Exception {
        long started = System.nanoTime();
        List<String> tasks = tasks(Files.readString(script(), StandardCharsets.UTF_8), scaleGb);
        // The biggest tables first, so the two connections end about together.
        List<String> ordered = new ArrayList<>(tasks.stream().filter(task -> task.contains("documents_")).toList());
        ordered.addAll(tasks.stream().filter(task -> !task.contains("documents_")).toList());
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        try {
            List<Future<Void>> workers = new ArrayList<>();
            for (int worker = 0; worker < CONNECTIONS; worker++) {
                workers.add(pool.submit(() -> {
                    try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                        for (int i = next.getAndIncrement(); i < ordered.size(); i = next.getAndIncrement()) {
                            statement.execute(ordered.get(i));
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("VACUUM ANALYZE");
            long rows = 0;
            int tables = 0;
            // VACUUM wrote each table's row count into pg_class (the statistics views lag behind it).
            try (ResultSet counts = statement.executeQuery("SELECT count(*), coalesce(sum(c.reltuples), 0)::bigint FROM pg_class c"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname = 'public'")) {
                counts.next();
                tables = counts.getInt(1);
                rows = counts.getLong(2);
            }
            try (ResultSet size = statement.executeQuery("SELECT pg_database_size(current_database())")) {
                size.next();
                return new Made(tables, rows, size.getLong(1), (System.nanoTime() - started) / 1e9);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot measure the generated database " + database.name() + ": " + e.getMessage(), e);
        }
    }

}
