package dev.tollgate.check.sql;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apiguardian.api.API;

import dev.tollgate.check.CheckConfig;
import dev.tollgate.check.CheckContext;
import dev.tollgate.check.CheckResult;
import dev.tollgate.check.CheckType;
import dev.tollgate.check.Evidence;
import dev.tollgate.check.Secrets;
import dev.tollgate.model.CheckSpec;
import dev.tollgate.system.DatabaseEndpoint;
import dev.tollgate.system.SystemWait;

/**
 * {@code sql}: runs one statement against the service's database (over JDBC, read-only unless told
 * otherwise) and passes when its result is as expected.
 *
 * <pre>
 * - check:
 *     sql:
 *       query: SELECT count(*) FROM missions WHERE owner = ?
 *       params: [olivia]                 # bound in order; strings are typed by the server
 *       expect: 2                        # the single value of a one-row, one-column result
 * - check:
 *     sql:
 *       query: SELECT name, status FROM missions ORDER BY id
 *       expect:                          # rows in order: a list per row, or a map of the columns that matter
 *         - [Apollo, planned]
 *         - { name: Gemini }
 * - check: { sql: { query: SELECT * FROM audit_log, expect: { rows: 3 } } }
 * - check: { sql: { query: "UPDATE missions SET notes = 'x'", writes: true, expect: { rows: 2 } } }
 * - check: { sql: { query: SELECT 1, database: postgres } }   # another database on the same server
 * - check:                               # a digest of a projection, kept for a later comparison
 *     sql:
 *       query: SELECT md5(string_agg(id || ':' || name, ',' ORDER BY id)) AS digest FROM missions
 *       capture: { missionsDigest: digest }   # columns of the single row, for ${missionsDigest}
 * - check: { sql: { query: "SELECT md5(…) FROM missions", expect: "${missionsDigest}" } }   # after a rebuild: the same
 * </pre>
 *
 * Without {@code writes: true} the statement runs in a read-only transaction that is rolled back,
 * so a probe cannot change the data it is meant to observe. A statement may run for 60 seconds.
 */
@API(status = INTERNAL, since = "0.1")
public final class SqlCheck implements CheckType {

    private static final int QUERY_TIMEOUT_SECONDS = 60;

    @Override
    public String type() {
        return "sql";
    }

    @Override
    public Set<String> keys() {
        return Set.of("query", "params", "expect", "database", "writes", "capture");
    }

    @Override
    public Set<String> requiredKeys() {
        return Set.of("query");
    }

    @Override
    public boolean destructive(Map<String, Object> config) {
        return Boolean.parseBoolean(String.valueOf(config.get("writes")).trim());
    }

    @Override
    public Set<String> captures(Map<String, Object> config) {
        return config.get("capture") instanceof Map<?, ?> capture
                ? capture.keySet().stream().map(String::valueOf).collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new))
                : Set.of();
    }

    @Override
    public CheckResult run(CheckSpec spec, CheckContext context) {
        CheckConfig config = new CheckConfig(spec, context.variables());
        String query = config.string("query").orElseThrow(() -> config.invalid("query", "an SQL statement", ""));
        List<Object> params = params(config, spec.config().get("params"));
        boolean writes = writes(config);
        DatabaseEndpoint database = config.string("database").map(context.database()::withName).orElse(context.database());
        Secrets secrets = Secrets.of(context.lastDeployed()).and(database.password());
        String statement = "-- on " + database + (writes ? "" : ", read-only") + "\n" + query
                + (params.isEmpty() ? "" : "\n-- params: " + ResultExpectation.show(params));
        String name = "SQL " + abbreviate(query);
        Connection connection;
        // Connecting and running the statement are the database's work, not the harness's.
        try (SystemWait.Interval waiting = SystemWait.waiting(SystemWait.SQL)) {
            connection = database.connect();
        } catch (SQLException e) {
            return CheckResult.broken(spec.name(), secrets.mask("cannot connect to " + database + " to run '"
                    + abbreviate(query) + "': " + describe(e)), List.of(Evidence.text(name, secrets.mask(statement))));
        }
        QueryResult result;
        try (connection; SystemWait.Interval waiting = SystemWait.waiting(SystemWait.SQL)) {
            result = execute(connection, query, params, writes);
        } catch (SQLException e) {
            return CheckResult.broken(spec.name(), secrets.mask("'" + abbreviate(query) + "' failed on " + database
                    + ": " + describe(e)), List.of(Evidence.text(name, secrets.mask(statement))));
        }
        List<Evidence> evidence = List.of(Evidence.text(name, secrets.mask(statement + "\n\n" + TextTable.render(result))));
        String counted = result.isQuery() ? "returned " + result.count() + " row(s)" : "changed " + result.count() + " row(s)";
        Map<String, Object> capture = config.map("capture");
        if (!capture.isEmpty()) {
            Optional<String> problem = capture(capture, config, result, context);
            if (problem.isPresent()) {
                return CheckResult.failed(spec.name(), secrets.mask("'" + abbreviate(query) + "': " + problem.get()), evidence);
            }
        }
        String returned = counted + (capture.isEmpty() ? "" : "; captured " + String.join(", ", capture.keySet()));
        if (!config.has("expect")) {
            return CheckResult.passed(spec.name(), secrets.mask("'" + abbreviate(query) + "' " + returned), evidence);
        }
        Object expected = resolved(spec.config().get("expect"), config);
        Optional<String> mismatch;
        try {
            mismatch = ResultExpectation.mismatch(expected, result);
        } catch (IllegalArgumentException e) {
            throw config.invalid("expect", "a value, a list of rows, or {rows: N} (" + e.getMessage() + ")",
                    String.valueOf(spec.config().get("expect")));
        }
        return mismatch.map(why -> CheckResult.failed(spec.name(), secrets.mask("'" + abbreviate(query) + "': " + why), evidence))
                .orElseGet(() -> CheckResult.passed(spec.name(), secrets.mask("'" + abbreviate(query) + "' "
                        + (expected instanceof List || expected instanceof Map ? returned : "returned " + expected)
                        + ", as expected"), evidence));
    }

    /**
     * Captures columns of the single row the query returned, checked before anything is captured;
     * the reason there is nothing to capture otherwise.
     */
    private static Optional<String> capture(Map<String, Object> capture, CheckConfig config, QueryResult result,
                                            CheckContext context) {
        if (!result.isQuery() || result.count() != 1) {
            return Optional.of("expected one row to capture " + String.join(", ", capture.keySet()) + " from; it "
                    + (result.isQuery() ? "returned " + result.count() + " rows" : "returned no result"));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : capture.entrySet()) {
            String column = config.resolve(String.valueOf(entry.getValue()));
            int index = result.column(column);
            if (index < 0) {
                return Optional.of("expected a column '" + column + "' to capture as " + entry.getKey()
                        + "; the columns are " + result.columns());
            }
            Object value = result.rows().get(0).get(index);
            if (value == null) {
                return Optional.of("column '" + column + "' is null; nothing to capture as " + entry.getKey());
            }
            values.put(entry.getKey(), String.valueOf(value));
        }
        values.forEach(context::capture);
        return Optional.empty();
    }

    private static QueryResult execute(Connection connection, String query, List<Object> params, boolean writes)
            throws SQLException {
        if (writes) {
            return QueryResult.run(connection, query, params, QUERY_TIMEOUT_SECONDS);
        }
        // The driver makes a connection read-only only inside a transaction (its default readOnlyMode).
        connection.setAutoCommit(false);
        connection.setReadOnly(true);
        try {
            return QueryResult.run(connection, query, params, QUERY_TIMEOUT_SECONDS);
        } finally {
            connection.rollback();
        }
    }

    private static List<Object> params(CheckConfig config, Object raw) {
        if (raw == null) {
            return List.of();
        }
        List<Object> params = new ArrayList<>();
        for (Object item : raw instanceof List<?> list ? list : List.of(raw)) {
            if (item instanceof Map<?, ?> || item instanceof List<?>) {
                throw config.invalid("params", "a list of strings and numbers", String.valueOf(raw));
            }
            params.add(resolved(item, config));
        }
        return params;
    }

    private static boolean writes(CheckConfig config) {
        String value = config.string("writes", "false").trim().toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw config.invalid("writes", "true or false", value);
        }
        return value.equals("true");
    }

    /** Resolves {@code ${…}} in every string of a YAML value, keeping its shape and its numbers. */
    private static Object resolved(Object value, CheckConfig config) {
        if (value instanceof String text) {
            return config.resolve(text);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(item -> resolved(item, config)).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), resolved(item, config)));
            return copy;
        }
        return value;
    }

    private static String describe(SQLException e) {
        String message = String.valueOf(e.getMessage()).replaceAll("\\s+", " ").trim();
        return (e.getSQLState() == null ? "" : "SQLSTATE " + e.getSQLState() + ": ") + message;
    }

    private static String abbreviate(String query) {
        String flat = query.replaceAll("\\s+", " ").trim();
        return flat.length() > 80 ? flat.substring(0, 79) + "…" : flat;
    }
}
