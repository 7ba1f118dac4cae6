package dev.tollgate.check.logs;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.apiguardian.api.API;

import dev.tollgate.check.CheckConfig;
import dev.tollgate.check.CheckContext;
import dev.tollgate.check.CheckResult;
import dev.tollgate.check.CheckType;
import dev.tollgate.check.Evidence;
import dev.tollgate.check.Secrets;
import dev.tollgate.check.Status;
import dev.tollgate.model.CheckSpec;
import dev.tollgate.model.Facts;

/**
 * {@code migration-warnings}: what the running release logged about its migration or schema state,
 * as a fact ({@link Facts#migrationWarnings()}) beside a pass. It finds, it does not judge: after a
 * {@code rollback} step (which runs it by itself) the gate states the warnings under code rollback,
 * and its rules decide whether they block.
 *
 * <pre>
 * - check: migration-warnings                      # the profile's codeRollback.warnings, or the defaults
 * - check:
 *     migration-warnings:
 *       patterns: ['(?i)schema is newer']          # instead: these regexes
 * </pre>
 *
 * A line counts when a pattern is found in it and it was logged at WARN or above, or names no level
 * (an INFO line that mentions "future migrations" is not a warning).
 */
@API(status = INTERNAL, since = "0.2")
public final class MigrationWarningsCheck implements CheckType {

    /** The type's name, which the engine runs after a {@code rollback} step. */
    public static final String TYPE = dev.tollgate.model.CodeRollbackSpec.SCAN_CHECK;

    private static final int CONTEXT_LINES = 2;
    private static final int ENTRY_LINES = 20;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<String> keys() {
        return Set.of("patterns");
    }

    @Override
    public CheckResult run(CheckSpec spec, CheckContext context) {
        CheckConfig config = new CheckConfig(spec, context.variables());
        List<Pattern> patterns = config.has("patterns") ? LogsCheck.compile(config, "patterns", config.strings("patterns"))
                : context.profile().codeRollback().patterns();
        Optional<Path> log = context.phaseLog();
        if (log.isEmpty()) {
            return new CheckResult(spec.name(), Status.SKIPPED, "skipped: no release has been started in this scenario,"
                    + " so there is no log to read", List.of());
        }
        String release = context.lastDeployed().map(service -> "release " + service.release().id()).orElse("the release");
        if (patterns.isEmpty()) {  // warnings: [] turned the scan off: nothing to look for, so the log is not read
            return CheckResult.passed(spec.name(), release + ": no migration or schema warning looked for"
                    + " (0 patterns: the scan is off)", List.of());
        }
        List<String> lines;
        try {
            lines = LogScan.lines(log.get());
        } catch (IOException e) {
            return CheckResult.broken(spec.name(), "cannot read the log of " + release + " at " + log.get() + ": " + e,
                    List.of());
        }
        List<LogScan.Match> warnings = LogScan.byLine(patterns, List.of()).scan(lines).stream()
                .filter(match -> LogLevel.of(match.text()).map(level -> level.atLeast(LogLevel.WARN)).orElse(true))
                .toList();
        if (warnings.isEmpty()) {
            return CheckResult.passed(spec.name(), release + " logged no warning about its migration or schema state ("
                    + lines.size() + " lines of " + log.get().getFileName() + ", " + patterns.size() + " patterns)", List.of());
        }
        Secrets secrets = Secrets.of(context.lastDeployed());
        List<String> found = warnings.stream().map(match -> secrets.mask(match.text().strip())).toList();
        String excerpt = secrets.mask(LogScan.excerpt(lines, warnings, CONTEXT_LINES, ENTRY_LINES));
        return CheckResult.passed(spec.name(), release + " warned about its migration or schema state: " + found.get(0)
                        + (found.size() > 1 ? " (and " + (found.size() - 1) + " more)" : ""),
                List.of(Evidence.text("migration warnings: " + release, excerpt))).withFacts(Facts.ofMigrationWarnings(found));
    }
}
