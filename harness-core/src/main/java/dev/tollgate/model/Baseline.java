package dev.tollgate.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import org.apiguardian.api.API;

/**
 * The database an {@code install} step starts from instead of an empty one
 * ({@code install: {release: ${previous}, from: baseline.dump, prepare: …}}): a {@code pg_dump}
 * archive restored before the release starts, then the suite's {@code prepare:} SQL.
 *
 * @param dump        the archive, absolute: a custom-format file, a directory-format directory, a tar
 *                    file or a plain SQL script
 * @param prepareSql  SQL written in the suite, run after the restore and before the release starts;
 *                    {@code null} for none
 * @param prepareFile a file of such SQL; {@code null} for none (at most one of the two is set)
 * @param declaredAt  the install step that asked for it, for messages
 */
@API(status = INTERNAL, since = "0.2")
public record Baseline(Path dump, String prepareSql, Path prepareFile, SourcePosition declaredAt) {

    public Baseline {
        Objects.requireNonNull(dump, "dump must not be null");
        Objects.requireNonNull(declaredAt, "declaredAt must not be null");
        if (prepareSql != null && prepareFile != null) {
            throw new IllegalArgumentException("prepare is either SQL or a file, not both");
        }
    }

    /**
     * The baseline an install step names, its variables resolved; empty for a plain install. A path
     * still relative after resolution is taken relative to the suite file, as the loader takes it.
     */
    public static Optional<Baseline> of(Step step, Variables variables) {
        String from = step.options().get(Step.FROM);
        if (step.kind() != StepKind.INSTALL || from == null) {
            return Optional.empty();
        }
        Path suiteDir = step.position().file().toAbsolutePath().getParent();
        String file = step.options().get(Step.PREPARE_FILE);
        String sql = step.options().get(Step.PREPARE);
        return Optional.of(new Baseline(suiteDir.resolve(variables.resolve(from)).normalize(),
                sql == null ? null : variables.resolve(sql),
                file == null ? null : suiteDir.resolve(variables.resolve(file)).normalize(), step.position()));
    }

    public Optional<String> prepareSqlIfSet() {
        return Optional.ofNullable(prepareSql);
    }

    public Optional<Path> prepareFileIfSet() {
        return Optional.ofNullable(prepareFile);
    }
}
