package dev.tollgate.check.authz;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tollgate.check.http.HttpExchange;
import dev.tollgate.model.AuthzSpec.AuditSpec;
import dev.tollgate.model.Variables;
import dev.tollgate.system.DatabaseEndpoint;
import dev.tollgate.system.SystemWait;

/**
 * Finds the audit row of one request by its id: by SQL on the service's database (the id bound as
 * a parameter), or in the JSON list an audit API answers. Connections are reused across the
 * cases of one run, and closed with it.
 */
final class AuditTrail implements AutoCloseable {

    private final AuditSpec spec;
    private final DatabaseEndpoint database;
    private final Sender sender;
    private final String sql;
    private final int parameters;
    private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();

    AuditTrail(AuditSpec spec, DatabaseEndpoint database, Sender sender, Variables variables) {
        this.spec = spec;
        this.database = database;
        this.sender = sender;
        if (spec.sql() != null) {
            // ${requestId} becomes a bound parameter; other variables are the suite's.
            Matcher matcher = Matrix.REFERENCE.matcher(spec.sql());
            StringBuilder out = new StringBuilder();
            int count = 0;
            while (matcher.find()) {
                boolean id = matcher.group(1).equals("requestId");
                count += id ? 1 : 0;
                matcher.appendReplacement(out, Matcher.quoteReplacement(id ? "?" : variables.resolve(matcher.group())));
            }
            matcher.appendTail(out);
            this.sql = out.toString();
            this.parameters = count;
        } else {
            this.sql = null;
            this.parameters = 0;
        }
    }

    /** Where it looks, for messages. */
    String describe() {
        return sql != null ? "SQL: " + sql : "GET " + spec.path() + " as " + spec.as();
    }

    /**
     * Whether the audit log has the request.
     *
     * @throws IllegalStateException when the log cannot be read (broken, not a finding)
     */
    boolean recorded(String requestId) {
        return sql != null ? bySql(requestId) : byApi(requestId);
    }

    private boolean bySql(String requestId) {
        Connection connection = idle.poll();
        // The audit log's query is the service's database at work, as an sql check's is.
        try (SystemWait.Interval waiting = SystemWait.waiting(SystemWait.SQL)) {
            if (connection == null) {
                connection = database.connect();
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 1; i <= parameters; i++) {
                    statement.setString(i, requestId);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() && rows.getLong(1) > 0;
                }
            } finally {
                idle.add(connection);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit log (" + sql + "): " + e.getMessage(), e);
        }
    }

    private boolean byApi(String requestId) {
        HttpExchange exchange = sender.send(spec.as(), "GET", spec.path(), null, Map.of(), Sender.requestId());
        if (!exchange.is2xx()) {
            throw new IllegalStateException("cannot read the audit log: " + exchange.describe() + " answered "
                    + exchange.summary());
        }
        JsonNode entries = JsonText.tree(exchange.body());
        List<JsonNode> all = new ArrayList<>();
        (entries.isArray() ? entries : entries.path("items")).forEach(all::add);
        return all.stream().anyMatch(entry -> requestId.equals(entry.path(spec.requestIdField()).asText(null)));
    }

    @Override
    public void close() {
        for (Connection connection; (connection = idle.poll()) != null; ) {
            try {
                connection.close();
            } catch (SQLException e) {
                // closing a probe's connection; nothing to report
            }
        }
    }
}
