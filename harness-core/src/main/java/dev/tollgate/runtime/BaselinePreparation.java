package dev.tollgate.runtime;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import org.apiguardian.api.API;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.model.Baseline;
import dev.tollgate.system.DatabaseEndpoint;

/**
 * The {@code prepare:} SQL of an install from a dump (anonymise emails, reset passwords, shrink a
 * table), run on the restored database before the release starts, in one transaction: it applies
 * whole or not at all. Over JDBC, as the harness reaches the database: the same on every runtime.
 */
@API(status = INTERNAL, since = "0.2")
public final class BaselinePreparation {

    private BaselinePreparation() {
    }

    /** Runs the SQL, if the baseline has any; the progress line to show. */
    public static Optional<String> run(DatabaseEndpoint database, Baseline baseline) {
        Optional<String> sql;
        String origin;
        if (baseline.prepareFileIfSet().isPresent()) {
            origin = baseline.prepareFile().toString();
            try {
                sql = Optional.of(Files.readString(baseline.prepareFile()));
            } catch (IOException e) {
                throw new TollgateException(ErrorCode.RUNTIME_BASELINE_FAILED, "Cannot read the prepare file " + origin
                        + " of the install at " + baseline.declaredAt() + ": " + e + ". Check that it exists and is readable.", e);
            }
        } else {
            origin = "the prepare: SQL at " + baseline.declaredAt();
            sql = baseline.prepareSqlIfSet();
        }
        if (sql.isEmpty()) {
            return Optional.empty();
        }
        long started = System.nanoTime();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                statement.execute(sql.get());
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new TollgateException(ErrorCode.RUNTIME_BASELINE_FAILED, "The prepare SQL of " + origin + " failed on the"
                    + " restored dump " + baseline.dump() + ": " + e.getMessage() + ". Nothing of it was applied; fix the SQL.", e);
        }
        return Optional.of(String.format("prepared the restored database with %s in %.1fs", origin,
                (System.nanoTime() - started) / 1e9));
    }
}
