package dev.tollgate.check.convergence;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.Optional;

import org.apiguardian.api.API;

import dev.tollgate.api.TollgateException;
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
import dev.tollgate.model.Release;
import dev.tollgate.system.DatabaseEndpoint;
import dev.tollgate.model.Area;

/**
 * {@code convergence}: the schema the upgrade produced must be the schema a clean install of the
 * same release produces. A migration that behaves differently on a database with data (a
 * {@code NOT NULL} added only when the table is empty, an index created only if absent) leaves
 * production on a schema no test ever ran against; the difference is shown object by object.
 *
 * <pre>
 * - check: convergence                                  # against a clean install of ${candidate}
 * - check: { convergence: { release: 2.0.0 } }
 * - check: { convergence: { content: [articles*, "cms_*"] } }  # tables users' content creates: set aside
 * </pre>
 *
 * {@code content} names objects (globs on a table, sequence or view name; a column, index or
 * constraint goes with its table) that the service creates for its users' content at run time: a
 * clean install cannot have them, so they are set aside and listed, not compared.
 */
@API(status = INTERNAL, since = "0.1")
public final class ConvergenceCheck implements CheckType {

    /** Differences named in the message; the evidence lists them all. */
    private static final int NAMED = 5;

    @Override
    public String type() {
        return "convergence";
    }

    @Override
    public Optional<Area> area() {
        return Optional.of(Area.CONVERGENCE);
    }

    @Override
    public Set<String> keys() {
        return Set.of("release", "content");
    }

    /** The clean install does not depend on the suite's steps: it starts with the suite. */
    @Override
    public void prepare(CheckSpec spec, CheckContext context) {
        Release release;
        try {
            release = release(new CheckConfig(spec, context.variables()));
        } catch (RuntimeException e) {
            return;  // names a variable a step captures later: installed when the check runs
        }
        context.prepareCleanInstallReference(release);
    }

    private static Release release(CheckConfig config) {
        return new Release(config.string("release").map(String::strip).filter(value -> !value.isEmpty())
                .orElseGet(() -> config.resolve("${candidate}")));
    }

    @Override
    public CheckResult run(CheckSpec spec, CheckContext context) {
        CheckConfig config = new CheckConfig(spec, context.variables());
        Release release = release(config);
        DatabaseEndpoint reference;
        try {
            reference = context.cleanInstallReference(release);
        } catch (TollgateException e) {
            String message = "a clean install of " + release + " on an empty database, for reference, failed: " + e.getMessage();
            return e.code().releaseFault() ? CheckResult.failed(spec.name(), message, List.of())
                    : CheckResult.broken(spec.name(), message, List.of());
        } catch (UnsupportedOperationException e) {
            return CheckResult.broken(spec.name(), "cannot install " + release + " for reference: " + e.getMessage(), List.of());
        }
        SchemaSnapshot clean;
        SchemaSnapshot upgraded;
        // Both schemas at once: two databases, each read by its own server process, so the check
        // waits for the slower reading instead of the two in turn.
        FutureTask<SchemaSnapshot> cleanReading = new FutureTask<>(() -> SchemaSnapshot.read(reference, Set.of()));
        Thread reader = new Thread(cleanReading, "tollgate-convergence-reference");
        reader.setDaemon(true);
        reader.start();
        try {
            upgraded = SchemaSnapshot.read(context.database(), Set.of());
            clean = cleanReading.get();
        } catch (SQLException e) {
            return CheckResult.broken(spec.name(), "cannot read the schemas to compare: " + e.getMessage(), List.of());
        } catch (ExecutionException e) {
            // What the reading on the other thread threw, as if it had been read on this one.
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error failure) {
                throw failure;
            }
            return CheckResult.broken(spec.name(), "cannot read the schemas to compare: " + e.getCause().getMessage(), List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.broken(spec.name(), "interrupted while reading the schemas to compare", List.of());
        }
        String recorded = record(context, release, clean);
        // Read as "what the upgrade did differently from a clean install".
        SchemaDiff whole = SchemaDiff.between(clean, upgraded);
        List<Pattern> content = config.strings("content").stream().map(ConvergenceCheck::glob).toList();
        List<SchemaChange> setAside = whole.changes().stream().filter(change -> content(change, content)).toList();
        SchemaDiff diff = new SchemaDiff(whole.changes().stream().filter(change -> !setAside.contains(change)).toList());
        String asContent = setAside.isEmpty() ? "" : "; set aside as content (declared): " + setAside.stream()
                .map(change -> tableOf(change.object())).distinct().collect(Collectors.joining(", "));
        List<Evidence> evidence = List.of(
                Evidence.text("schema difference: clean install of " + release + " → upgraded database",
                        diff.changes().isEmpty() ? "(none)" : diff.toText()),
                Evidence.text("schema of a clean install of " + release, clean.toText() + recorded));
        if (diff.changes().isEmpty()) {
            return CheckResult.passed(spec.name(), "the upgraded schema is identical to a clean install of " + release
                    + " (" + upgraded.tables().size() + " tables)" + asContent, evidence);
        }
        List<String> differences = describe(diff.changes());
        return CheckResult.failed(spec.name(), "the upgraded schema differs from a clean install of " + release + " in "
                + differences.size() + " place(s): " + named(differences) + asContent, evidence);
    }

    /** {@code articles*} as a regex on a whole name. */
    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.strip().toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }

    /** Whether the change is to a content object: the object, or the table it belongs to, matches a glob. */
    private static boolean content(SchemaChange change, List<Pattern> content) {
        String object = change.object();
        String table = tableOf(object);
        return content.stream().anyMatch(p -> p.matcher(object).matches() || p.matcher(table).matches());
    }

    /** {@code articles} of {@code articles.title}; a table, sequence or view is its own. */
    private static String tableOf(String object) {
        int dot = object.lastIndexOf('.');
        return dot < 0 ? object : object.substring(0, dot);
    }

    /**
     * Keeps the clean-install schema as JSON in the evidence directory, for a later {@code drift}
     * check of a live deployment of the same release. A write that fails is noted, not a finding.
     */
    private static String record(CheckContext context, Release release, SchemaSnapshot clean) {
        return context.evidenceDir().map(dir -> {
            java.nio.file.Path file = SchemaFile.cleanInstallPath(dir, release.id());
            try {
                new SchemaFile(release.id(), java.time.Instant.now(), clean).write(file);
                return "\n(recorded as " + file + " for drift checks)\n";
            } catch (java.io.IOException e) {
                return "\n(could not be recorded as " + file + ": " + e + ")\n";
            }
        }).orElse("");
    }

    /**
     * One line per object: {@code missions.priority: upgraded 'integer NULL', clean install 'integer
     * NOT NULL DEFAULT 3'} (a column whose nullability and default both differ is one difference).
     */
    static List<String> describe(List<SchemaChange> changes) {
        return changes.stream().map(ConvergenceCheck::describe).distinct().toList();
    }

    private static String named(List<String> differences) {
        return differences.stream().limit(NAMED).collect(Collectors.joining("; "))
                + (differences.size() > NAMED ? "; and " + (differences.size() - NAMED) + " more" : "");
    }

    private static String describe(SchemaChange change) {
        if (change.before() == null) {
            return change.object() + ": only after the upgrade" + inline(change.after());
        }
        if (change.after() == null) {
            return change.object() + ": only in a clean install" + inline(change.before());
        }
        return change.object() + ": upgraded '" + change.after() + "', clean install '" + change.before() + "'";
    }

    // A table's whole definition is for the evidence; a one-line definition fits the message.
    private static String inline(String definition) {
        return definition.contains("\n") ? "" : " (" + definition + ")";
    }
}
