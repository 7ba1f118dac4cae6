package dev.tollgate.runtime;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

import org.apiguardian.api.API;

import dev.tollgate.api.TollgateException;
import dev.tollgate.model.Baseline;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Step;
import dev.tollgate.model.Suite;
import dev.tollgate.model.Variables;

/**
 * Every {@code install} from a dump a suite asks for can be carried out: the profile's runtime
 * restores dumps, the dump exists and is a PostgreSQL dump, and (on {@code local}) the
 * {@code pg_restore} found reads its archive version. On {@code compose} the database container's own
 * {@code pg_restore} restores; it can be asked only once the container runs, so the compose runtime
 * compares it ({@link #tooNew}) before it restores, still before the release starts. Checked before anything starts, since the install is the first step and a
 * dump that cannot be restored would otherwise be found only after the database server is up.
 */
@API(status = INTERNAL, since = "0.2")
public final class BaselineDumps {

    /** The runtimes that install, and so can restore a dump first. */
    private static final java.util.Set<String> RESTORING_RUNTIMES = java.util.Set.of("local", "compose");

    private BaselineDumps() {
    }

    /**
     * One message per install of these suites that cannot work, each starting with the step's
     * file:line:column. {@code pg_restore --version} runs once per client-tools directory, however
     * many installs start from a dump.
     */
    public static List<String> problems(List<Suite> suites, Profile profile, Variables variables) {
        return problems(suites, profile, variables, PgDumpTool::pgRestoreMajor);
    }

    /** As above, with the {@code pg_restore} major release found for a client-tools directory given: asked once per directory. */
    static List<String> problems(List<Suite> suites, Profile profile, Variables variables,
            Function<String, OptionalInt> pgRestore) {
        Map<String, OptionalInt> found = new HashMap<>();
        // The PATH's (null, a key HashMap takes) and a named directory's are asked for apart.
        Function<String, OptionalInt> once = tools -> found.computeIfAbsent(tools, pgRestore);
        return suites.stream().flatMap(suite -> problemsOf(suite, profile, variables, once).stream()).toList();
    }

    private static List<String> problemsOf(Suite suite, Profile profile, Variables variables, Function<String, OptionalInt> pgRestore) {
        List<String> problems = new ArrayList<>();
        for (Step step : suite.steps()) {
            Optional<Baseline> baseline;
            try {
                baseline = Baseline.of(step, variables);
            } catch (Variables.UndefinedVariableException e) {
                problems.add(step.position() + ": the install from a dump names ${" + e.variable() + "}, which has no value;"
                        + " set it (-D" + e.variable() + "=… or --set " + e.variable() + "=…)");
                continue;
            }
            baseline.flatMap(found -> problem(found, profile, pgRestore)).ifPresent(problems::add);
        }
        return problems;
    }

    private static Optional<String> problem(Baseline baseline, Profile profile, Function<String, OptionalInt> pgRestore) {
        String at = baseline.declaredAt() + ": ";
        if (!RESTORING_RUNTIMES.contains(profile.runtime())) {
            return Optional.of(at + "install from a dump is supported on runtimes local and compose; " + profile.describe()
                    + " is runtime " + profile.runtime() + ", which Tollgate never installs on. Rehearse from the dump with a"
                    + " local or compose profile (-Dtollgate.profile=local)");
        }
        DumpArchive archive;
        try {
            archive = DumpArchive.read(baseline.dump());
        } catch (TollgateException e) {
            return Optional.of(at + e.getMessage());
        }
        if (baseline.prepareFileIfSet().filter(file -> !java.nio.file.Files.isRegularFile(file)).isPresent()) {
            return Optional.of(at + "the prepare file " + baseline.prepareFile() + " does not exist; give the path of an SQL"
                    + " file relative to the suite file");
        }
        if (archive.format() == DumpArchive.Format.PLAIN || profile.runtime().equals("compose")) {
            // psql runs a plain dump: what it needs of the server shows as its first error. On compose the
            // database container's pg_restore restores, asked once the container is up (tooNew).
            return Optional.empty();
        }
        String tools = profile.database().clientTools();
        OptionalInt found = pgRestore.apply(tools);
        String where = tools == null || tools.isBlank() ? "from the PATH" : "in " + tools;
        if (found.isEmpty()) {
            return Optional.of(at + "restoring " + baseline.dump() + " needs pg_restore, and none was found "
                    + (tools == null || tools.isBlank() ? "on the PATH" : "in " + tools) + ". Install PostgreSQL's client tools"
                    + " (Debian: apt-get install postgresql-client) or name their directory with database: clientTools: in "
                    + profile.describe());
        }
        return tooNew(archive, found.getAsInt(), where, "Install PostgreSQL " + archive.oldestPgRestore()
                + "'s client tools and name their directory with database: clientTools: in " + profile.describe())
                .map(problem -> at + problem);
    }

    /**
     * Why {@code archive} cannot be restored by the {@code pg_restore} of major release {@code found},
     * or empty when that reads it.
     *
     * @param where how that pg_restore was found ({@code from the PATH}, {@code in the database container c0ffee})
     * @param fix   the first way out: how to get a newer one there
     */
    public static Optional<String> tooNew(DumpArchive archive, int found, String where, String fix) {
        if (found >= archive.oldestPgRestore()) {
            return Optional.empty();
        }
        return Optional.of(archive.path() + " is a " + archive.describe() + ", which needs pg_restore "
                + archive.oldestPgRestore() + " or newer; the one found is " + found + " (" + where + "). " + fix
                + ", or make the dump with the pg_dump of release " + found);
    }
}
