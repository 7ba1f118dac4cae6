package dev.tollgate.check.drift;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apiguardian.api.API;

import dev.tollgate.check.CheckConfig;
import dev.tollgate.check.CheckContext;
import dev.tollgate.check.CheckResult;
import dev.tollgate.check.CheckType;
import dev.tollgate.check.Evidence;
import dev.tollgate.db.SchemaChange;
import dev.tollgate.db.SchemaDiff;
import dev.tollgate.db.SchemaFile;
import dev.tollgate.db.SchemaSnapshot;
import dev.tollgate.model.CheckSpec;
import dev.tollgate.model.Area;

/**
 * {@code drift}: the schema of a live deployment (staging, say) must be the schema a clean install
 * of its release has, as an earlier run recorded it. The {@code convergence} check of a rehearsal
 * writes that schema to {@code clean-install-RELEASE.schema.json} in the evidence directory;
 * this check reads the live schema (read-only) and names every difference — a column made
 * {@code NOT NULL} by hand, an index someone added, a migration that ran differently there.
 *
 * <pre>
 * - check: drift                                            # vs the recorded clean install of ${candidate}
 * - check: { drift: { schemaFile: /builds/1.1.0/clean-install-1.1.0.schema.json } }
 * </pre>
 */
@API(status = INTERNAL, since = "0.1")
public final class DriftCheck implements CheckType {

    /** Differences named in the message; the evidence lists them all. */
    private static final int NAMED = 5;

    @Override
    public String type() {
        return "drift";
    }

    @Override
    public Optional<Area> area() {
        return Optional.of(Area.CONVERGENCE);
    }

    @Override
    public Set<String> keys() {
        return Set.of("schemaFile", "release");
    }

    @Override
    public CheckResult run(CheckSpec spec, CheckContext context) {
        CheckConfig config = new CheckConfig(spec, context.variables());
        String release = config.string("release").map(String::strip).filter(value -> !value.isEmpty())
                .orElseGet(() -> config.resolve("${candidate}"));
        Optional<Path> file = config.string("schemaFile").map(config::relativeToSuite)
                .or(() -> context.evidenceDir().map(dir -> SchemaFile.cleanInstallPath(dir, release)));
        if (file.isEmpty() || !Files.isRegularFile(file.get())) {
            return CheckResult.broken(spec.name(), "no recorded clean-install schema of " + release
                    + file.map(path -> " at " + path).orElse("") + " to compare the live schema with. Record one with a"
                    + " rehearsal whose convergence check installs " + release + " (mvn -B verify -Pupgrade -Dtollgate.candidate="
                    + release + ", same -Dtollgate.evidence.dir), or name the file with drift: { schemaFile: … }", List.of());
        }
        SchemaFile recorded;
        try {
            recorded = SchemaFile.read(file.get());
        } catch (IOException e) {
            return CheckResult.broken(spec.name(), "cannot read the recorded schema " + file.get() + ": " + e.getMessage(),
                    List.of());
        }
        SchemaSnapshot live;
        try {
            live = SchemaSnapshot.read(context.database(), Set.of());
        } catch (SQLException e) {
            return CheckResult.broken(spec.name(), "cannot read the live schema of " + context.database() + ": "
                    + e.getMessage(), List.of());
        }
        // Read as "what the live database has that a clean install of the release does not".
        SchemaDiff diff = SchemaDiff.between(recorded.schema(), live);
        String source = "the clean install of " + recorded.release() + " recorded " + recorded.recordedAt() + " ("
                + file.get().getFileName() + ")";
        List<Evidence> evidence = List.of(
                Evidence.text("schema drift: " + source + " → live", diff.changes().isEmpty() ? "(none)" : diff.toText()),
                Evidence.text("live schema (snapshot)", live.toText()));
        if (diff.changes().isEmpty()) {
            return CheckResult.passed(spec.name(), "the live schema is identical to " + source + " ("
                    + live.tables().size() + " tables)", evidence);
        }
        List<String> differences = diff.changes().stream().map(DriftCheck::describe).distinct().toList();
        return CheckResult.failed(spec.name(), "the live schema has drifted from " + source + " in " + differences.size()
                + " place(s): " + differences.stream().limit(NAMED).collect(Collectors.joining("; "))
                + (differences.size() > NAMED ? "; and " + (differences.size() - NAMED) + " more" : ""), evidence);
    }

    private static String describe(SchemaChange change) {
        if (change.before() == null) {
            return change.object() + ": only in the live database" + inline(change.after());
        }
        if (change.after() == null) {
            return change.object() + ": missing from the live database" + inline(change.before());
        }
        return change.object() + ": live '" + change.after() + "', clean install '" + change.before() + "'";
    }

    private static String inline(String definition) {
        return definition.contains("\n") ? "" : " (" + definition + ")";
    }
}
