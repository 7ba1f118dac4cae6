package dev.tollgate.sample;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/** mission_tags (1.1.0 and later): a mission's tags, replaced as a whole. */
final class TagStore {

    private final DataSource dataSource;

    TagStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    List<String> tags(long missionId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select tag from mission_tags where mission_id = ? order by tag")) {
            select.setLong(1, missionId);
            try (ResultSet rows = select.executeQuery()) {
                List<String> tags = new ArrayList<>();
                while (rows.next()) {
                    tags.add(rows.getString(1));
                }
                return tags;
            }
        }
    }

    /** Replaces the tags in one transaction, so a reader never sees half of the change. */
    void replace(long missionId, Collection<String> tags) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement delete = connection.prepareStatement("delete from mission_tags where mission_id = ?");
                 PreparedStatement insert = connection.prepareStatement(
                         "insert into mission_tags (mission_id, tag) values (?, ?)")) {
                delete.setLong(1, missionId);
                delete.executeUpdate();
                for (String tag : tags) {
                    insert.setLong(1, missionId);
                    insert.setString(2, tag);
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }
}
