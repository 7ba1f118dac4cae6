package dev.tollgate.sample;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes and reads audit_log. The table refuses updates and deletes by itself (a trigger in V2). */
final class AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    private final DataSource dataSource;

    AuditLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Appends one row. A failure is logged, not thrown: the request it describes has already been
     * answered or is about to be, and its own outcome should not change because the log is down.
     */
    void record(String requestId, Subject subject, String action, String resource, String outcome) {
        String sql = "insert into audit_log (request_id, subject, action, resource, outcome) values (?, ?, ?, ?, ?)";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, requestId);
            insert.setString(2, subject == null ? null : subject.name());
            insert.setString(3, action);
            insert.setString(4, resource);
            insert.setString(5, outcome);
            insert.executeUpdate();
        } catch (SQLException e) {
            LOG.error("Audit write failed requestId={} action={} resource={} outcome={}: {}",
                    requestId, action, resource, outcome, Database.oneLine(e.getMessage()));
        }
    }

    List<AuditEntry> recent(int limit) throws SQLException {
        String sql = "select id, at, request_id, subject, action, resource, outcome from audit_log"
                + " order by id desc limit ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setInt(1, limit);
            try (ResultSet rows = select.executeQuery()) {
                List<AuditEntry> entries = new ArrayList<>();
                while (rows.next()) {
                    entries.add(new AuditEntry(rows.getLong("id"),
                            rows.getObject("at", OffsetDateTime.class).toInstant(),
                            rows.getString("request_id"), rows.getString("subject"), rows.getString("action"),
                            rows.getString("resource"), rows.getString("outcome")));
                }
                return entries;
            }
        }
    }
}
