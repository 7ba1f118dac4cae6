package dev.tollgate.sample;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** SQL for missions, in the columns of this release's schema ({@link MissionShape}). */
final class MissionStore {

    /** 1.1.0's backfill gives existing missions priority 3; new ones get the same unless told otherwise. */
    static final int DEFAULT_PRIORITY = 3;
    private static final int LIST_LIMIT = 1000;

    private final DataSource dataSource;
    private final MissionShape shape;
    private final FileStore files;

    MissionStore(DataSource dataSource, MissionShape shape, FileStore files) {
        this.dataSource = dataSource;
        this.shape = shape;
        this.files = files;
    }

    List<Mission> list() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select " + shape.selectList() + " from missions order by id limit " + LIST_LIMIT);
             ResultSet rows = select.executeQuery()) {
            List<Mission> missions = new ArrayList<>();
            while (rows.next()) {
                missions.add(read(rows));
            }
            return missions;
        }
    }

    Optional<Mission> find(long id) throws SQLException {
        return one("select " + shape.selectList() + " from missions where id = ?", List.of(id));
    }

    Mission create(String owner, MissionInput input) throws SQLException {
        List<String> columns = new ArrayList<>(List.of(shape.nameField(), "owner", "status"));
        List<Object> values = new ArrayList<>(List.of(input.name(), owner,
                input.status() == null ? "planned" : input.status()));
        if (shape.notes()) {
            columns.add("notes");
            values.add(input.notes());
        }
        if (shape.priority()) {
            columns.add("priority");
            values.add(input.priorityGiven() ? input.priority() : Integer.valueOf(DEFAULT_PRIORITY));
        }
        String sql = "insert into missions (" + String.join(", ", columns) + ") values ("
                + String.join(", ", columns.stream().map(column -> "?").toList()) + ") returning " + shape.selectList();
        Mission created = one(sql, values).orElseThrow(() -> new SQLException("insert returned no row"));
        files.written(created);
        return created;
    }

    /** Sets the given fields only; empty when there is no such mission. */
    Optional<Mission> update(long id, MissionInput input) throws SQLException {
        List<String> assignments = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        if (input.name() != null) {
            assignments.add(shape.nameField() + " = ?");
            values.add(input.name());
        }
        if (input.status() != null) {
            assignments.add("status = ?");
            values.add(input.status());
        }
        if (input.notesGiven()) {
            assignments.add("notes = ?");
            values.add(input.notes());
        }
        if (input.priorityGiven()) {
            assignments.add("priority = ?");
            values.add(input.priority());
        }
        assignments.add("updated_at = now()");
        values.add(id);
        Optional<Mission> updated = one("update missions set " + String.join(", ", assignments) + " where id = ? returning "
                + shape.selectList(), values);
        updated.ifPresent(files::written);
        return updated;
    }

    boolean delete(long id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("delete from missions where id = ?")) {
            delete.setLong(1, id);
            return delete.executeUpdate() == 1;
        }
    }

    private Optional<Mission> one(String sql, List<Object> values) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                bind(statement, i + 1, values.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        }
    }

    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            // Typed nulls: notes is text, priority integer; the driver needs to know which.
            statement.setNull(index, Types.OTHER);
        } else {
            statement.setObject(index, value);
        }
    }

    private Mission read(ResultSet row) throws SQLException {
        return new Mission(
                row.getLong("id"),
                row.getString(shape.nameField()),
                row.getString("owner"),
                row.getString("status"),
                shape.notes() ? row.getString("notes") : null,
                shape.priority() ? (Integer) row.getObject("priority") : null,
                row.getObject("created_at", OffsetDateTime.class).toInstant(),
                row.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
