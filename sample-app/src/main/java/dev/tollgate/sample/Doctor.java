package dev.tollgate.sample;

import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintStream;

/**
 * {@code java -jar sample-app.jar doctor}: what an operator runs before and after an upgrade. Checks
 * the configuration, that the database is reachable, and that its migrations are exactly this
 * release's (none pending, failed or edited); changes nothing. One line per finding; exit 0 when
 * there is no problem (warnings allowed), 1 otherwise.
 */
final class Doctor {

    private final PrintStream out;
    private int problems;
    private int warnings;

    Doctor(PrintStream out) {
        this.out = out;
    }

    int run(Settings settings) {
        Release release;
        try {
            release = Releases.require(settings.release());
            settings.requireDatabaseUrl();
            ok("config", "release " + release.id() + " is known; DATABASE_URL is set");
        } catch (StartupException e) {
            problem("config", e.getMessage());
            return finish();
        }
        if (settings.subjects() == null) {
            warn("subjects", "SAMPLE_SUBJECTS is not set: the development tokens are in use; never in production");
        } else {
            try {
                Subjects.fromSpec(settings.subjects());
                ok("subjects", "SAMPLE_SUBJECTS is valid");
            } catch (StartupException e) {
                problem("subjects", e.getMessage());
            }
        }
        try (HikariDataSource dataSource = Database.open(settings)) {
            ok("database", "reachable at " + Database.redact(settings.databaseUrl()));
            Readiness readiness = new Migrations(dataSource, release).readiness();
            if (readiness.ready()) {
                ok("migrations", "schema version " + readiness.schemaVersion() + "; none pending, failed or edited");
            } else {
                problem("migrations", readiness.reason());
            }
        } catch (StartupException e) {
            problem("database", e.getMessage());
        }
        return finish();
    }

    private int finish() {
        out.println("doctor: " + problems + " problem(s), " + warnings + " warning(s)");
        return problems == 0 ? ExitCode.OK : 1;
    }

    private void ok(String area, String message) {
        out.println("ok    " + area + ": " + message);
    }

    private void warn(String area, String message) {
        warnings++;
        out.println("warn  " + area + ": " + message);
    }

    private void problem(String area, String message) {
        problems++;
        out.println("FAIL  " + area + ": " + message);
    }
}
