package dev.tollgate.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.tollgate.db.Catalog.TableRef;

/**
 * A history reader that is one query: every tool's table is mapped, in SQL, onto the same five columns
 * (version, description, checksum, installed_on, success), so each tool is described by its table and
 * that query alone.
 *
 * @param table      the tool's table name; found in whichever of the service's schemas holds it
 * @param column     a column only this tool's table has, to tell tools apart that share a table name
 * @param query      the query, with {@code %s} where the quoted, qualified table goes
 */
record SqlHistoryReader(String tool, String table, String column, String query) implements HistoryReader {

    @Override
    public boolean present(Connection connection) throws SQLException {
        return locate(connection).isPresent();
    }

    @Override
    public MigrationHistory read(Connection connection) throws SQLException {
        Optional<TableRef> located = locate(connection);
        List<AppliedMigration> migrations = new ArrayList<>();
        if (located.isEmpty()) {
            return new MigrationHistory(tool, migrations);
        }
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query.formatted(located.get().sql()))) {
            while (rows.next()) {
                migrations.add(new AppliedMigration(rows.getString(1), rows.getString(2), rows.getString(3),
                        rows.getString(4), rows.getBoolean(5)));
            }
        }
        return new MigrationHistory(tool, migrations);
    }

    private Optional<TableRef> locate(Connection connection) throws SQLException {
        return Catalog.find(connection, table, column);
    }
}
