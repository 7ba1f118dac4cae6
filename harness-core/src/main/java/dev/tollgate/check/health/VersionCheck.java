package dev.tollgate.check.health;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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
import dev.tollgate.check.http.HttpExchange;
import dev.tollgate.db.AppliedMigration;
import dev.tollgate.db.HistoryReading;
import dev.tollgate.db.MigrationHistories;
import dev.tollgate.db.MigrationHistory;
import dev.tollgate.model.Area;
import dev.tollgate.model.CheckSpec;
import dev.tollgate.model.MigrationsSpec;
import dev.tollgate.model.VersionSpec;
import dev.tollgate.runtime.DatabaseEndpoint;
import dev.tollgate.runtime.RunningService;

/**
 * {@code version}: passes when the version endpoint reports the release that was deployed, and a
 * schema version equal to the newest migration applied in the database. Where the endpoint and
 * its fields are comes from the profile ({@code service.version}).
 *
 * <pre>
 * - check: version
 * - check: { version: { release: "${candidate}" } }
 * </pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
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
        return Set.of("release");
    }

    @Override
    public CheckResult run(CheckSpec check, CheckContext context) {
        Optional<RunningService> service = context.service();
        if (service.isEmpty()) {
            return CheckResult.failed(check.name(), "no release is running, so nothing reports a version", List.of());
        }
        String expected = new CheckConfig(check, context.variables()).string("release", service.get().release().id());
        DatabaseEndpoint database;
        try {
            database = context.database();
        } catch (dev.tollgate.api.TollgateException e) {
            if (e.code() != dev.tollgate.api.ErrorCode.RUNTIME_NO_DATABASE) {
                throw e;
            }
            database = null;  // a remote target without a database URL: the release alone can be checked
        }
        MigrationsSpec migrations = context.profile().database().migrations();
        return verify(context.profile().service().version(), service.get(), expected, database, migrations,
                migrations.isDetect() ? null : "database.migrations in " + context.profile().describe());
    }

    /**
     * @param migrations where the migration history is (the profile's {@code database.migrations})
     * @param setting    where that was said, for messages; {@code null} when it was not
     */
    static CheckResult verify(VersionSpec spec, RunningService service, String expectedRelease, DatabaseEndpoint database,
            MigrationsSpec migrations, String setting) {
        HttpExchange exchange;
        try {
            exchange = HttpExchange.get(service.resolve(spec.path()));
        } catch (HttpExchange.NoAnswer e) {
            return CheckResult.failed("version", "GET " + spec.path() + " did not answer: " + e, List.of());
        }
        List<Evidence> evidence = new ArrayList<>(List.of(exchange.evidence()));
        if (!exchange.is2xx()) {
            return CheckResult.failed("version", "expected GET " + spec.path() + " to answer 2xx; it answered "
                    + exchange.summary(), evidence);
        }
        JsonNode body;
        try {
            body = JSON.readTree(exchange.body());
        } catch (JsonProcessingException e) {
            return CheckResult.failed("version", "GET " + spec.path() + " did not answer JSON: " + exchange.summary(), evidence);
        }
        String reportedRelease = body.path(spec.release()).asText(null);
        if (!expectedRelease.equals(reportedRelease)) {
            return CheckResult.failed("version", "expected the service to report release '" + expectedRelease
                    + "' in field '" + spec.release() + "'; it reported "
                    + quoted(reportedRelease), evidence);
        }
        if (database == null) {
            return CheckResult.passed("version", "reports release '" + reportedRelease + "'; its schema version '"
                    + body.path(spec.schema()).asText("") + "' is not compared: no database URL was given (-D"
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
        String reportedSchema = body.path(spec.schema()).asText(null);
        if (!applied.equals(Optional.ofNullable(reportedSchema))) {
            return CheckResult.failed("version", "expected the service to report schema version "
                    + applied.map(v -> "'" + v + "'").orElse("(none)") + " (the newest applied migration) in field '"
                    + spec.schema() + "'; it reported " + quoted(reportedSchema), evidence);
        }
        return CheckResult.passed("version", "reports release '" + reportedRelease + "' and schema version '"
                + reportedSchema + "', as deployed and migrated", evidence);
    }

    private static String quoted(String value) {
        return value == null ? "nothing" : "'" + value + "'";
    }
}
