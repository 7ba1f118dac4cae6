package dev.tollgate.sample;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.output.ValidateResult;
import org.flywaydb.core.internal.exception.FlywayMigrateException;

/** This release's Flyway migrations against one database: apply them, and tell whether they are all in. */
final class Migrations {

    private static final String UNDEFINED_TABLE = "42P01";

    private final DataSource dataSource;
    private final Flyway flyway;
    private final Release release;

    Migrations(DataSource dataSource, Release release) {
        this.dataSource = dataSource;
        this.release = release;
        this.flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations(release.flywayLocations())
                .load();
    }

    /** Applies pending migrations and returns the schema version; a failure becomes a one-line startup error. */
    String migrate() {
        try {
            flyway.migrate();
        } catch (FlywayMigrateException e) {
            if (release.has(Trait.FRAMEWORK_STARTUP_FAILURE)) {
                throw new IllegalStateException("Error creating bean with name 'flywayInitializer': " + e.getMessage(), e);
            }
            // Internal to Flyway, but the only place that says which migration failed without parsing text.
            MigrationInfo failed = e.getMigration();
            String name = failed == null ? "a migration" : "V" + failed.getVersion() + " (" + failed.getDescription() + ")";
            throw new StartupException(ExitCode.SOFTWARE, "Migration " + name + " failed: " + sqlError(e)
                    + ". Schema version is still " + currentVersionOr("none") + ".");
        } catch (FlywayValidateException e) {
            throw new StartupException(ExitCode.SOFTWARE, "Migrations failed validation against the database: "
                    + validationMessage(e.getMessage()));
        } catch (FlywayException e) {
            throw new StartupException(ExitCode.SOFTWARE, "Migration failed: " + Database.oneLine(e.getMessage()));
        }
        return currentVersionOr("none");
    }

    /** Checks what {@code /ready} promises: reachable, nothing failed, nothing pending, nothing edited. */
    synchronized Readiness readiness() {
        try {
            // Validation covers all three; info() is only asked when there is something to explain.
            ValidateResult validation = flyway.validateWithResult();
            if (validation.validationSuccessful) {
                return Readiness.ready(schemaVersion().orElse(null));
            }
            MigrationInfoService info = flyway.info();
            Optional<MigrationInfo> failed = Arrays.stream(info.all()).filter(m -> m.getState().isFailed()).findFirst();
            if (failed.isPresent()) {
                return Readiness.notReady("migration " + failed.get().getVersion() + " failed");
            }
            int pending = info.pending().length;
            if (pending > 0) {
                return Readiness.notReady(pending + (pending == 1 ? " pending migration" : " pending migrations"));
            }
            return Readiness.notReady("migrations failed validation: "
                    + validationMessage(validation.getAllErrorMessages()));
        } catch (FlywayException | SQLException e) {
            return Readiness.notReady("database unavailable: " + Database.oneLine(rootMessage(e)));
        }
    }

    /** The newest successfully applied version, as recorded in flyway_schema_history; empty before any. */
    Optional<String> schemaVersion() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select version from flyway_schema_history"
                     + " where success and version is not null order by installed_rank desc limit 1")) {
            return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private String currentVersionOr(String fallback) {
        try {
            return schemaVersion().orElse(fallback);
        } catch (SQLException e) {
            return "unknown (" + Database.oneLine(e.getMessage()) + ")";
        }
    }

    private static String sqlError(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException) {
                return Database.oneLine(cause.getMessage());
            }
        }
        return Database.oneLine(error.getMessage());
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    // Flyway's message is several lines with a banner and a documentation link; keep the facts.
    private static String validationMessage(String message) {
        return Arrays.stream(message == null ? new String[0] : message.split("\\R"))
                .map(String::trim)
                .filter(line -> !line.isEmpty())
                .filter(line -> !line.startsWith("Validate failed: Migrations have failed validation"))
                .filter(line -> !line.startsWith("Need more flexibility"))
                .map(line -> line.replaceAll("\\s+", " "))
                .collect(Collectors.joining(" "));
    }
}
