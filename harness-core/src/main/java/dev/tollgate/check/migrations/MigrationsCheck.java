package dev.tollgate.check.migrations;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apiguardian.api.API;

import dev.tollgate.check.CheckConfig;
import dev.tollgate.check.CheckContext;
import dev.tollgate.check.CheckResult;
import dev.tollgate.check.CheckType;
import dev.tollgate.check.Evidence;
import dev.tollgate.db.AppliedMigration;
import dev.tollgate.db.HistoryDetection;
import dev.tollgate.db.HistoryReading;
import dev.tollgate.db.MigrationHistories;
import dev.tollgate.db.MigrationHistory;
import dev.tollgate.db.Snapshot;
import dev.tollgate.model.LoadIssue;
import dev.tollgate.model.CheckSpec;
import dev.tollgate.model.Area;
import dev.tollgate.model.MigrationsSpec;
import dev.tollgate.model.SourcePosition;

/**
 * {@code migrations}: reads the migration tool's history table and passes when migrations were
 * applied and none failed; optionally, when as many as expected were applied, the newest is the one
 * expected, and no migration applied at a snapshot was edited or removed since.
 *
 * <pre>
 * - check: migrations                                   # the tool is detected from its table, in every schema
 * - check: { migrations: { since: before-upgrade } }    # nothing applied then was edited or removed
 * - check: { migrations: { tool: flyway, latest: "6", expect: { count: 6 } } }
 * - check: { migrations: { tool: flyway, table: schema_version, schema: app } }
 * - check: { migrations: { tool: generic, table: db_changes, versionColumn: change_no, successColumn: ok } }
 * - check: { migrations: { since: before-upgrade, documentedIn: RELEASE-NOTES.md } }   # each one applied since is named there
 * - check: { migrations: { since: before-upgrade, documentedIn: { file: "notes/${candidate}.md", sections: [purpose, rollback] } } }
 * </pre>
 *
 * {@code documentedIn} holds the release notes an operator reads before upgrading against what the
 * upgrade applied: every migration applied since the snapshot is named there, and with
 * {@code sections} each has a heading of its own whose text says each word. The file is relative to
 * the suite's directory.
 *
 * Where the history is ({@code tool}, {@code table}, {@code schema}) defaults to the profile's
 * {@code database.migrations}; the check's own settings win.
 *
 * Whether migrations are pending is known to the service, not to its database; a readiness check
 * ({@code ready}) is where that shows.
 */
@API(status = INTERNAL, since = "0.1")
public final class MigrationsCheck implements CheckType {

    /** The settings that say where the history is, rather than what it must hold. */
    private static final List<String> LOCATION_KEYS = List.of("tool", "table", "schema", "versionColumn", "orderBy", "successColumn");

    @Override
    public String type() {
        return "migrations";
    }

    @Override
    public Optional<Area> area() {
        return Optional.of(Area.MIGRATIONS);
    }

    @Override
    public Set<String> keys() {
        return Set.of("tool", "table", "schema", "versionColumn", "orderBy", "successColumn", "since", "expect", "latest",
                "documentedIn");
    }

    /** An unknown tool, or column settings without {@code tool: generic}, stop the suite at its line. */
    @Override
    public List<LoadIssue> validate(Map<String, Object> config, SourcePosition at) {
        if (config.containsKey("documentedIn") && !config.containsKey("since")) {
            return List.of(new LoadIssue(at, "migrations: documentedIn needs since: (the snapshot before the upgrade), to know"
                    + " which migrations the upgrade applied; add since: before-upgrade"));
        }
        if (LOCATION_KEYS.stream().map(config::get).anyMatch(value -> value != null && String.valueOf(value).contains("${"))) {
            return List.of();  // known only when the suite runs
        }
        try {
            MigrationsSpec spec = spec(key -> Optional.ofNullable(config.get(key)).map(String::valueOf));
            if (spec.tool() != null && !MigrationHistories.tools().contains(spec.tool())) {
                return List.of(new LoadIssue(at, "unknown migration tool '" + spec.tool() + "' in migrations settings;"
                        + " known tools are " + String.join(", ", MigrationHistories.tools())));
            }
        } catch (IllegalArgumentException e) {
            return List.of(new LoadIssue(at, "migrations settings: " + e.getMessage()));
        }
        return List.of();
    }

    /** Where this check reads the history: its own settings over the profile's. */
    static MigrationsSpec location(CheckConfig config, CheckContext context) {
        MigrationsSpec own = spec(config::string);
        return own.over(context.profile().database().migrations());
    }

    /** Where the settings that directed the search were given, for messages. */
    static String setting(CheckConfig config, CheckContext context) {
        boolean own = LOCATION_KEYS.stream().anyMatch(config::has);
        if (own) {
            return "the check's settings";
        }
        return context.profile().database().migrations().isDetect() ? null
                : "database.migrations in " + context.profile().describe();
    }

    private static MigrationsSpec spec(java.util.function.Function<String, Optional<String>> setting) {
        return new MigrationsSpec(setting.apply("tool").orElse(null), setting.apply("table").orElse(null),
                setting.apply("schema").orElse(null), setting.apply("versionColumn").orElse(null),
                setting.apply("orderBy").orElse(null), setting.apply("successColumn").orElse(null));
    }

    @Override
    public CheckResult run(CheckSpec spec, CheckContext context) {
        CheckConfig config = new CheckConfig(spec, context.variables());
        Optional<Integer> count = expectedCount(config);
        Optional<String> latest = config.string("latest").map(String::trim);
        Optional<Snapshot> since = config.snapshot("since", context);
        MigrationsSpec location = location(config, context);
        HistoryReading reading;
        try {
            reading = MigrationHistories.inspect(context.database(), location, setting(config, context));
        } catch (SQLException e) {
            return CheckResult.broken(spec.name(), "cannot read the migration history in " + context.database() + ": "
                    + e.getMessage(), List.of());
        }
        MigrationHistory history = reading.history();
        List<Evidence> evidence = new ArrayList<>(List.of(Evidence.text("migration history",
                reading.detection().toText() + "\n" + history.toText())));
        if (!reading.found()) {
            return CheckResult.failed(spec.name(), "no migration history table in " + context.database()
                    + (location.tool() == null ? "" : " for " + location.tool() + " (not migrated yet?)") + "; "
                    + reading.detection().lookedForText(), evidence);
        }
        List<String> problems = new ArrayList<>();
        history.failed().forEach(failed -> problems.add(HistoryComparison.name(failed) + " failed"));
        long applied = history.migrations().stream().filter(AppliedMigration::success).count();
        if (applied == 0) {
            problems.add("no migration was applied");
        }
        count.filter(expected -> expected != applied).ifPresent(expected ->
                problems.add("expected " + expected + " applied migration(s); found " + applied));
        String newest = history.newestApplied().map(AppliedMigration::version).orElse(null);
        latest.filter(expected -> !expected.equals(newest)).ifPresent(expected ->
                problems.add("expected the newest applied migration to be " + expected + "; it is " + (newest == null ? "none" : newest)));
        String sinceText = "";
        if (since.isPresent()) {
            evidence.add(Evidence.text("migration history at snapshot " + since.get().name(), since.get().history().toText()));
            HistoryComparison comparison = HistoryComparison.of(since.get().history(), history, since.get().name());
            problems.addAll(comparison.edited());
            problems.addAll(comparison.removed());
            sinceText = "; since snapshot " + since.get().name() + ": " + (comparison.unchanged() ? "earlier ones unchanged, " : "")
                    + added(comparison.added());
            Optional<MigrationNotes> notes = notes(config, spec);
            if (notes.isPresent()) {
                notes.get().textIfRead().ifPresent(text -> evidence.add(Evidence.text("release notes " + notes.get().file(), text)));
                List<String> undocumented = notes.get().problems(comparison.added());
                problems.addAll(undocumented);
                sinceText += undocumented.isEmpty() ? "; each named in " + notes.get().file() : "";
            }
        }
        String summary = history.tool() + chosen(reading.detection()) + ": " + applied + " applied, " + history.failed().size() + " failed, newest "
                + (newest == null ? "none" : newest) + sinceText;
        return problems.isEmpty() ? CheckResult.passed(spec.name(), summary, evidence)
                : CheckResult.failed(spec.name(), String.join("; ", problems) + " (" + summary + ")", evidence);
    }

    /** The notes {@code documentedIn} names, read; a file that is not there is a finding: the operator has nothing to read. */
    private static Optional<MigrationNotes> notes(CheckConfig config, CheckSpec spec) {
        if (!config.has("documentedIn")) {
            return Optional.empty();
        }
        Object setting = spec.config().get("documentedIn");
        String file;
        List<String> sections = List.of();
        if (setting instanceof Map<?, ?>) {
            Map<String, Object> map = config.map("documentedIn");
            if (!(map.get("file") instanceof String named) || !Set.of("file", "sections").containsAll(map.keySet())) {
                throw config.invalid("documentedIn", "a file, or {file: NOTES.md, sections: [purpose, rollback]}", String.valueOf(map));
            }
            file = config.resolve(named);
            if (map.get("sections") instanceof List<?> words) {
                sections = words.stream().map(String::valueOf).map(config::resolve).toList();
            }
        } else {
            file = config.string("documentedIn").orElseThrow();
        }
        Path path = config.relativeToSuite(file).toAbsolutePath().normalize();
        try {
            return Optional.of(new MigrationNotes(Path.of(file), path, Files.readString(path), sections));
        } catch (IOException e) {
            return Optional.of(new MigrationNotes(Path.of(file), path, null, sections));
        }
    }

    private static Optional<Integer> expectedCount(CheckConfig config) {
        if (!config.has("expect")) {
            return Optional.empty();
        }
        Map<String, Object> expect = config.map("expect");
        if (!expect.keySet().equals(Set.of("count")) || expect.get("count") == null) {
            throw config.invalid("expect", "{count: N}", String.valueOf(expect));
        }
        try {
            return Optional.of(Integer.valueOf(config.resolve(String.valueOf(expect.get("count"))).trim()));
        } catch (NumberFormatException e) {
            throw config.invalid("expect", "{count: N} with a whole number N", String.valueOf(expect));
        }
    }

    /**
     * Where the history was read, when that is news: another schema or name than the tool's default, a
     * table name tools share, or other tools' tables beside it.
     */
    private static String chosen(HistoryDetection detection) {
        HistoryDetection.Match match = detection.chosen();
        boolean plain = match.table().schema().equals("public") && !match.renamed() && match.sharedWith().isEmpty()
                && detection.others().isEmpty() && MigrationHistories.reader(match.tool())
                        .map(reader -> reader.table().equals(match.table().name())).orElse(false);
        if (plain) {
            return "";
        }
        StringBuilder text = new StringBuilder(" in ").append(match.table());
        if (match.renamed()) {
            text.append(" (recognised by its columns)");
        } else if (!match.sharedWith().isEmpty()) {
            text.append(" (told from ").append(String.join(", ", match.sharedWith())).append(" by its columns)");
        }
        if (!detection.others().isEmpty()) {
            text.append(" (also found: ").append(detection.others().stream().map(other -> other.tool() + " in " + other.table())
                    .collect(java.util.stream.Collectors.joining(", "))).append("; not read)");
        }
        return text.toString();
    }

    private static String added(List<AppliedMigration> added) {
        if (added.isEmpty()) {
            return "none applied since";
        }
        return added.size() + " applied since: " + String.join(", ", added.stream()
                .map(migration -> migration.version() == null ? "(repeatable) " + migration.description() : migration.version())
                .toList());
    }
}
