package dev.tollgate.check.health;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apiguardian.api.API;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tollgate.check.CheckConfig;
import dev.tollgate.check.CheckContext;
import dev.tollgate.check.CheckResult;
import dev.tollgate.check.CheckType;
import dev.tollgate.check.Evidence;
import dev.tollgate.check.Secrets;
import dev.tollgate.check.http.HttpExchange;
import dev.tollgate.check.http.DotPath;
import dev.tollgate.check.http.SubjectCredentials;
import dev.tollgate.db.AppliedMigration;
import dev.tollgate.db.HistoryReading;
import dev.tollgate.db.MigrationHistories;
import dev.tollgate.db.MigrationHistory;
import dev.tollgate.model.Area;
import dev.tollgate.model.CheckSpec;
import dev.tollgate.model.MigrationsSpec;
import dev.tollgate.model.Profile;
import dev.tollgate.model.VersionSpec;
import dev.tollgate.system.DatabaseEndpoint;
import dev.tollgate.system.RunningService;

/**
 * {@code version}: passes when the service reports the version of the release that was deployed
 * (its id, or what the profile's {@code versions:} says it reports), and, where a schema field is
 * named, a schema version equal to the newest migration applied in the database. Where the
 * version is read comes from the profile ({@code service.version}); a check may override any of it.
 *
 * <pre>
 * - check: version
 * - check: { version: { release: "${candidate.version}" } }
 * - check: { version: { path: /admin/serverinfo, as: admin, field: systemInfo.version } }
 * - check: { version: { header: X-App-Version } }
 * - check: { version: { sql: "select version from app_info" } }
 * </pre>
 */
@API(status = INTERNAL, since = "0.1")
public final class VersionCheck implements CheckType {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String type() {
        return "version";
    }

    @Override
    public Optional<Area> area() {
        return Optional.of(Area.HEALTH_VERSION);
    }

    @Override
    public Set<String> keys() {
        return Set.of("release", "path", "field", "schema", "header", "sql", "as", "port");
    }

    @Override
    public CheckResult run(CheckSpec check, CheckContext context) {
        Optional<RunningService> service = context.service();
        if (service.isEmpty()) {
            return CheckResult.failed(check.name(), "no release is running, so nothing reports a version", List.of());
        }
        CheckConfig config = new CheckConfig(check, context.variables());
        Profile profile = context.profile();
        VersionSpec base = profile.service().version();
        VersionSpec spec = new VersionSpec(config.string("path", base.path()), config.string("field", base.release()),
                config.string("schema").orElse(base.schema()), config.string("header").orElse(base.header()),
                config.string("sql").orElse(base.sql()), config.string("as").orElse(base.as()),
                config.string("port").orElse(base.port()));
        String expected = config.string("release", profile.reportedVersion(service.get().release().id()));
        DatabaseEndpoint database;
        try {
            database = context.database();
        } catch (dev.tollgate.api.TollgateException e) {
            if (e.code() != dev.tollgate.api.ErrorCode.RUNTIME_NO_DATABASE) {
                throw e;
            }
            database = null;  // a remote target without a database URL: the release alone can be checked
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (spec.as() != null && spec.sql() == null) {
            try {
                headers.putAll(SubjectCredentials.of(profile, context.variables(), service.get(), HttpExchange.DEFAULT_TIMEOUT)
                        .headers(spec.as()));
            } catch (IllegalArgumentException e) {
                return CheckResult.broken(check.name(), e.getMessage(), List.of());
            }
        }
        MigrationsSpec migrations = profile.database().migrations();
        return verify(spec, service.get(), expected, database, headers, migrations,
                migrations.isDetect() ? null : "database.migrations in " + profile.describe());
    }

    /**
     * @param migrations where the migration history is (the profile's {@code database.migrations})
     * @param setting    where that was said, for messages; {@code null} when it was not
     */
    static CheckResult verify(VersionSpec spec, RunningService service, String expectedRelease, DatabaseEndpoint database,
            MigrationsSpec migrations, String setting) {
        return verify(spec, service, expectedRelease, database, Map.of(), migrations, setting);
    }

    static CheckResult verify(VersionSpec spec, RunningService service, String expectedRelease, DatabaseEndpoint database,
            Map<String, String> headers, MigrationsSpec migrations, String setting) {
        List<Evidence> evidence = new ArrayList<>();
        Reported reported;
        if (spec.sql() != null) {
            if (database == null) {
                return CheckResult.broken("version", "the version is read with SQL, but no database URL was given (-D"
                        + dev.tollgate.api.Constants.TARGET_DATABASE_URL + "=…)", evidence);
            }
            try {
                reported = new Reported(query(database, spec.sql()), null, "query '" + spec.sql() + "'");
            } catch (SQLException e) {
                return CheckResult.broken("version", "cannot read the version with '" + spec.sql() + "': " + e.getMessage(), evidence);
            }
            evidence.add(Evidence.text("version by SQL", spec.sql() + "\n→ " + reported.version()));
        } else {
            URI uri;
            try {
                uri = service.resolve(spec.port(), spec.path());
            } catch (IllegalArgumentException e) {
                return CheckResult.broken("version", e.getMessage(), evidence);
            }
            String where = "GET " + spec.path() + (spec.as() == null ? "" : " as " + spec.as());
            HttpExchange exchange;
            try {
                exchange = HttpExchange.send(new HttpExchange.Request("GET", uri, headers, null, Duration.ofSeconds(10)),
                        Secrets.known());
            } catch (HttpExchange.NoAnswer e) {
                return CheckResult.failed("version", where + " did not answer: " + e, List.of());
            }
            evidence.add(exchange.evidence());
            if (!exchange.is2xx()) {
                return CheckResult.failed("version", "expected " + where + " to answer 2xx; it answered " + exchange.summary()
                        + (exchange.status() == 401 || exchange.status() == 403 ? " (set service.version.as to a subject that may read it)" : ""),
                        evidence);
            }
            if (spec.header() != null) {
                reported = new Reported(exchange.header(spec.header()).orElse(null), null, "header " + spec.header());
            } else {
                JsonNode body;
                try {
                    body = JSON.readTree(exchange.body());
                } catch (JsonProcessingException e) {
                    return CheckResult.failed("version", where + " did not answer JSON: " + exchange.summary(), evidence);
                }
                reported = new Reported(text(body, spec.release()), spec.schema() == null ? null : text(body, spec.schema()),
                        "field '" + spec.release() + "'");
            }
        }
        if (!expectedRelease.equals(reported.version())) {
            return CheckResult.failed("version", "expected the service to report release '" + expectedRelease
                    + "' in " + reported.where() + "; it reported " + quoted(reported.version()), evidence);
        }
        if (spec.schema() == null || spec.sql() != null || spec.header() != null) {
            return CheckResult.passed("version", "reports release '" + reported.version() + "' in " + reported.where()
                    + "; no schema version field is named (service.version.schema), so none is compared", evidence);
        }
        if (database == null) {
            return CheckResult.passed("version", "reports release '" + reported.version() + "'; its schema version '"
                    + Optional.ofNullable(reported.schema()).orElse("") + "' is not compared: no database URL was given (-D"
                    + dev.tollgate.api.Constants.TARGET_DATABASE_URL + "=…)", evidence);
        }
        HistoryReading reading;
        try {
            reading = MigrationHistories.inspect(database, migrations, setting);
        } catch (SQLException e) {
            return CheckResult.broken("version", "cannot read the migration history in " + database + ": " + e.getMessage(), evidence);
        }
        if (!reading.found()) {
            return CheckResult.broken("version", "no migration history table in " + database
                    + ", so the reported schema version cannot be compared with anything; "
                    + reading.detection().lookedForText(), evidence);
        }
        MigrationHistory history = reading.history();
        Optional<String> applied = history.newestApplied().map(AppliedMigration::version);
        evidence.add(Evidence.text("newest applied migration (" + history.tool() + ")", applied.orElse("(none)")
                + "\n" + reading.detection().toText()));
        if (!applied.equals(Optional.ofNullable(reported.schema()))) {
            return CheckResult.failed("version", "expected the service to report schema version "
                    + applied.map(v -> "'" + v + "'").orElse("(none)") + " (the newest applied migration) in field '"
                    + spec.schema() + "'; it reported " + quoted(reported.schema()), evidence);
        }
        return CheckResult.passed("version", "reports release '" + reported.version() + "' and schema version '"
                + reported.schema() + "', as deployed and migrated", evidence);
    }

    /** What the service said, and where, for messages. */
    private record Reported(String version, String schema, String where) {
    }

    /** A dot path ({@code systemInfo.version}, {@code items.0.v}) of a JSON answer, as text, or null. */
    private static String text(JsonNode body, String path) {
        return DotPath.text(body, path).orElse(null);
    }

    private static String query(DatabaseEndpoint database, String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private static String quoted(String value) {
        return value == null ? "nothing" : "'" + value + "'";
    }
}
