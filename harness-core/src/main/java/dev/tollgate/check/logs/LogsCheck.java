package dev.tollgate.check.logs;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * {@code logs}: passes when no line the running release logged since it started (the current
 * phase) matches a failure pattern, unless an {@code allow} pattern says the line is fine.
 *
 * <pre>
 * - check: logs                          # the default patterns below
 * - check:
 *     logs:
 *       patterns: ['(?i)deadlock detected', '(?i)\bERROR\b']
 *       allow: ['SQL error 42703']       # a known, accepted line
 *       phase: current                   # the only phase for now
 * </pre>
 *
 * Patterns are Java regexes found anywhere in a line. The defaults catch a failed migration, a
 * refused connection, a Java stack trace and any line logged at ERROR level.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class LogsCheck implements CheckType {

    /** What marks a failure when the suite does not say. */
    public static final List<String> DEFAULT_PATTERNS = List.of(
            "(?i)migration.*failed",
            "(?i)connection refused",
            "^\\s+at [\\w.$]+\\(",
            "(?i)\\bERROR\\b");

    private static final int LISTED = 20;
    private static final int EXCERPTED = 100;
    private static final int CONTEXT_LINES = 2;

    @Override
    public String type() {
        return "logs";
    }

    @Override
    public Set<String> keys() {
        return Set.of("patterns", "allow", "phase");
    }

    @Override
    public CheckResult run(CheckSpec spec, CheckContext context) {
        CheckConfig config = new CheckConfig(spec, context.variables());
        String phase = config.string("phase", "current");
        if (!phase.equals("current")) {
            throw config.invalid("phase", "current (the log of the running release since it started)", phase);
        }
        List<String> patterns = config.has("patterns") ? config.strings("patterns") : DEFAULT_PATTERNS;
        LogScan scan = new LogScan(compile(config, "patterns", patterns), compile(config, "allow", config.strings("allow")));
        Optional<Path> log = context.phaseLog();
        if (log.isEmpty()) {
            return CheckResult.broken(spec.name(), "no release has been started in this scenario, so there is no log to read;"
                    + " deploy one before a logs check", List.of());
        }
        String release = context.service().map(service -> "release " + service.release().id()).orElse("the release");
        Secrets secrets = Secrets.of(context.service());
        List<String> lines;
        try {
            // Decoding replaces bad bytes: a service that logs binary must not break the check.
            lines = new String(Files.readAllBytes(log.get()), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            return CheckResult.broken(spec.name(), "cannot read the log of " + release + " at " + log.get() + ": " + e,
                    List.of());
        }
        List<LogScan.Match> matches = scan.scan(lines);
        String where = "the log of " + release + " (" + lines.size() + " lines, " + log.get().getFileName() + ")";
        if (matches.isEmpty()) {
            return CheckResult.passed(spec.name(), "no line of " + where + " matches " + describe(patterns)
                    + (config.has("allow") ? " (allowing " + describe(config.strings("allow")) + ")" : ""), List.of());
        }
        String listed = matches.stream().limit(LISTED)
                .map(match -> "  line " + match.number() + ": " + abbreviate(match.text().strip()))
                .collect(Collectors.joining("\n"));
        String more = matches.size() > LISTED ? "\n  … and " + (matches.size() - LISTED) + " more" : "";
        String excerpt = LogScan.excerpt(lines, matches.subList(0, Math.min(EXCERPTED, matches.size())), CONTEXT_LINES)
                + (matches.size() > EXCERPTED ? "(" + (matches.size() - EXCERPTED) + " more matching lines not shown)\n" : "");
        return CheckResult.failed(spec.name(), secrets.mask("expected no line of " + where + " to match "
                + describe(patterns) + "; " + matches.size() + " did:\n" + listed + more),
                List.of(Evidence.text("log excerpt: " + release, secrets.mask(excerpt))));
    }

    private static List<Pattern> compile(CheckConfig config, String key, List<String> regexes) {
        try {
            return regexes.stream().map(Pattern::compile).toList();
        } catch (PatternSyntaxException e) {
            throw config.invalid(key, "a list of regular expressions (" + e.getDescription() + ")", e.getPattern());
        }
    }

    private static String describe(List<String> patterns) {
        return patterns.stream().map(p -> "/" + p + "/").collect(Collectors.joining(", "));
    }

    private static String abbreviate(String line) {
        return line.length() > 200 ? line.substring(0, 199) + "…" : line;
    }
}
