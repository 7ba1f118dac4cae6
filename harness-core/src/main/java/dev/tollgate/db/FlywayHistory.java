package dev.tollgate.db;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import org.apiguardian.api.API;

import dev.tollgate.runtime.DatabaseEndpoint;

/** Reads Flyway's {@code flyway_schema_history} as Flyway writes it. */
@API(status = EXPERIMENTAL, since = "0.1")
public final class FlywayHistory {

    private static final String NEWEST_APPLIED = """
            SELECT version FROM flyway_schema_history
             WHERE success AND version IS NOT NULL
             ORDER BY installed_rank DESC LIMIT 1""";

    private FlywayHistory() {
    }

    /** The version of the newest successfully applied versioned migration, if any was applied. */
    public static Optional<String> newestAppliedVersion(DatabaseEndpoint database) throws SQLException {
        try (Connection connection = database.connect();
                PreparedStatement statement = connection.prepareStatement(NEWEST_APPLIED);
                ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
        }
    }
}
