package dev.tollgate.suites;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * A copy of production as an operator makes one: release 1.0.0 runs on its own PostgreSQL, rows its
 * API never writes (NULLs where allowed, long text, old dates, scratch rows) go in by SQL, and
 * {@code pg_dump} writes the archive in each format. With it, the example suite of
 * {@code src/test/resources/production-data} and its prepare file, next to the custom-format dump
 * they name ({@code baseline.dump}). Needs PostgreSQL's client tools (pg_dump) on the PATH.
 *
 * @param suite         the example suite, which installs from {@code baseline.dump} beside it
 * @param directoryDump the same database as {@code pg_dump -Fd}
 * @param plainDump     the same database as plain SQL
 */
record ProductionDump(Path suite, Path directoryDump, Path plainDump) {

    private static final Path EXAMPLE = Path.of("src/test/resources/production-data").toAbsolutePath();

    /** Rows the API never writes: no form leaves notes NULL on a finished mission or dates one 1961. */
    private static final String ODD_ROWS = """
            insert into missions (name, owner, status, notes, created_at, updated_at) values
              ('Vostok 1', 'yuri@example.org', 'done', null, '1961-04-12 06:07:00+00', '1961-04-12 07:55:00+00'),
              ('Voskhod 2', 'alexei@example.org', 'done', '', '1965-03-18 07:00:00+00', '1965-03-19 09:02:00+00'),
              (repeat('a very long mission name ', 4000), 'valentina@example.org', 'active',
               repeat('notes no form allows ', 20000), '1900-01-01 00:00:00+00', '1900-01-02 00:00:00+00'),
              ('Ünïcödé ✓ 名前 ''quoted'' and' || chr(10) || 'a newline', 'sergei@example.org', 'planned', null,
               '1999-12-31 23:59:59.999999+00', '2000-01-01 00:00:00+00');
            insert into missions (name, owner) select 'scratch-' || g, 'nobody@example.org' from generate_series(1, 50) g;
            insert into audit_log (at, request_id, subject, action, resource, outcome) values
              ('1970-01-01 00:00:00+00', '', null, 'import', null, 'legacy'),
              ('1999-12-31 23:59:59+00', repeat('r', 5000), null, 'migrate', null, 'ok');
            """;

    /** Makes the dumps of a 1.0.0 database under {@code dir}, the example suite in {@code dir/example}. */
    static ProductionDump make(Path dir) throws Exception {
        Path example = Files.createDirectories(dir.resolve("example"));
        Path suite = Files.copy(EXAMPLE.resolve("from-dump.suite.yaml"), example.resolve("from-dump.suite.yaml"));
        Files.copy(EXAMPLE.resolve("anonymise.sql"), example.resolve("anonymise.sql"));
        try (StagingDeployment production = StagingDeployment.start("1.0.0", dir)) {
            try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + production.databasePort()
                    + "/app", "postgres", "postgres"); Statement statement = connection.createStatement()) {
                statement.execute(ODD_ROWS);
            }
            pgDump(production.databasePort(), "--format=custom", example.resolve("baseline.dump"));
            Path directoryDump = dir.resolve("directory-dump");
            pgDump(production.databasePort(), "--format=directory", directoryDump);
            Path plainDump = dir.resolve("plain.sql");
            // As docs/production-data.md asks of a plain dump: psql runs it as written, and production's roles
            // (here postgres) need not exist where it is restored (on compose the superuser is another).
            pgDump(production.databasePort(), "--format=plain", plainDump, "--no-owner", "--no-privileges");
            return new ProductionDump(suite, directoryDump, plainDump);
        }
    }

    private static void pgDump(int port, String format, Path target, String... options) throws IOException, InterruptedException {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("pg_dump", "--host=127.0.0.1", "--port=" + port,
                "--username=postgres", "--no-password", format, "--file=" + target));
        command.addAll(java.util.List.of(options));
        command.add("app");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", "postgres");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES) && process.exitValue() == 0, "pg_dump " + format + ": " + output);
    }
}
