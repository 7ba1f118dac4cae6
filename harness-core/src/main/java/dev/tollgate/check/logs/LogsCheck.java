package dev.tollgate.check.logs;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

import org.apiguardian.api.API;

import dev.tollgate.check.CheckConfig;
import dev.tollgate.check.CheckContext;
import dev.tollgate.check.CheckResult;
import dev.tollgate.check.CheckType;
import dev.tollgate.check.Evidence;
import dev.tollgate.check.Secrets;
import dev.tollgate.model.CheckSpec;

/**
 * {@code logs}: passes when nothing the running release logged since it started (the current
 * phase) is a failure, unless an {@code allow} pattern says the line is fine.
 *
 * <pre>
 * - check: logs                          # by level: anything logged at ERROR or above fails
 * - check:
 *     logs:
 *       level: WARN                      # fail from this level up (default ERROR)
 *       allow: ['SQL error 42703']       # a known, accepted line
 *       phase: current                   # the only phase for now
 * - check:
 *     logs:
 *       patterns: ['(?i)deadlock detected']   # instead: these regexes, anywhere in any line
 * </pre>
 *
 * By default the check reads each line's level where the line has one (Logback/Log4j, Python
 * logging, Go's slog, Node's pino/winston JSON, Elixir Logger and more: see {@link LogLevel}): an
 * entry logged at ERROR or above fails with the stack trace under it; a WARN entry fails only when
 * it tells of a failed migration or a refused connection; an INFO thread dump or
 * {@code WARN … Error Code: 0} is fine. Output that names no level is read line by line (the word
 * ERROR, a stack frame, a failed migration, a refused connection). {@code patterns} replaces all of
 * this with Java regexes found anywhere in a line.
 */
@API(status = INTERNAL, since = "0.1")
public final class LogsCheck implements CheckType {

    /** From which level up an entry fails when the suite does not say. */
    public static final String DEFAULT_LEVEL = "ERROR";

    private static final int LISTED = 20;
    private static final int EXCERPTED = 100;
    private static final int CONTEXT_LINES = 2;
    private static final int ENTRY_LINES = 40;

    @Override
    public String type() {
        return "logs";
    }

    @Override
    public Set<String> keys() {
        return Set.of("patterns", "allow", "phase", "level");
    }

    @Override
    public CheckResult run(CheckSpec spec, CheckContext context) {
        CheckConfig config = new CheckConfig(spec, context.variables());
        String phase = config.string("phase", "current");
        if (!phase.equals("current")) {
            throw config.invalid("phase", "current (the log of the running release since it started)", phase);
        }
        if (config.has("patterns") && config.has("level")) {
            throw config.invalid("level", "no level beside patterns (patterns are matched anywhere in a line, whatever its level)",
                    config.string("level", DEFAULT_LEVEL));
        }
        String levelName = config.string("level", DEFAULT_LEVEL);
        LogLevel level = LogLevel.named(levelName).orElseThrow(() -> config.invalid("level",
                "a log level: TRACE, DEBUG, INFO, WARN, ERROR or FATAL", levelName));
        List<Pattern> allow = compile(config, "allow", config.strings("allow"));
        List<String> patterns = config.strings("patterns");
        LogScan scan = config.has("patterns") ? LogScan.byLine(compile(config, "patterns", patterns), allow)
                : LogScan.byLevel(level, allow);
        String rules = config.has("patterns") ? "matches " + describe(patterns)
                : "was logged at " + level + " or above, warned of a failed migration or a refused connection,"
                        + " or (naming no level) says ERROR or shows a stack trace";
        Optional<Path> log = context.phaseLog();
        if (log.isEmpty()) {
            return CheckResult.broken(spec.name(), "no release has been started in this scenario, so there is no log to read;"
                    + " deploy one before a logs check", List.of());
        }
        String release = context.lastDeployed().map(service -> "release " + service.release().id()).orElse("the release");
        Secrets secrets = Secrets.of(context.lastDeployed());
        List<String> lines;
        try {
            lines = LogScan.lines(log.get());
        } catch (IOException e) {
            return CheckResult.broken(spec.name(), "cannot read the log of " + release + " at " + log.get() + ": " + e,
                    List.of());
        }
        List<LogScan.Match> matches = scan.scan(lines);
        String where = "the log of " + release + " (" + lines.size() + " lines, " + log.get().getFileName() + ")";
        if (matches.isEmpty()) {
            return CheckResult.passed(spec.name(), "no line of " + where + " " + rules
                    + (config.has("allow") ? " (allowing " + describe(config.strings("allow")) + ")" : ""), List.of());
        }
        String listed = matches.stream().limit(LISTED)
                .map(LogsCheck::listed)
                .collect(Collectors.joining("\n"));
        String more = matches.size() > LISTED ? "\n  … and " + (matches.size() - LISTED) + " more" : "";
        String excerpt = LogScan.excerpt(lines, matches.subList(0, Math.min(EXCERPTED, matches.size())), CONTEXT_LINES,
                ENTRY_LINES)
                + (matches.size() > EXCERPTED ? "(" + (matches.size() - EXCERPTED) + " more matching lines not shown)\n" : "");
        return CheckResult.failed(spec.name(), secrets.mask("expected no line of " + where + " that " + rules
                + "; " + matches.size() + " did:\n" + listed + more),
                List.of(Evidence.text("log excerpt: " + release, secrets.mask(excerpt))));
    }

    /** The regexes a setting lists, compiled; one that does not compile is that setting's error. */
    static List<Pattern> compile(CheckConfig config, String key, List<String> regexes) {
        try {
            return regexes.stream().map(Pattern::compile).toList();
        } catch (PatternSyntaxException e) {
            throw config.invalid(key, "a list of regular expressions (" + e.getDescription() + ")", e.getPattern());
        }
    }

    private static String describe(List<String> patterns) {
        return patterns.stream().map(p -> "/" + p + "/").collect(Collectors.joining(", "));
    }

    /** The line that decided, whole: cutting it could cut off the part that explains it. */
    private static String listed(LogScan.Match match) {
        return "  line " + match.number() + " (" + match.rule() + "): " + match.text().strip()
                + (match.following() > 0 ? "\n    (+" + match.following() + " lines of the same entry, in the excerpt)" : "");
    }
}
