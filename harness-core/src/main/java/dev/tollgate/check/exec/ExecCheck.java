package dev.tollgate.check.exec;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
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
import dev.tollgate.system.RunningService;

/**
 * {@code exec}: runs a command in the service's environment and passes when it exits with the
 * expected code (and its output matches). On the {@code local} runtime the command is a child
 * process with the running release's environment variables on top of the harness's own, in the
 * harness's working directory.
 *
 * <pre>
 * - check:
 *     exec:
 *       command: [java, -jar, app.jar, doctor]   # not run through a shell; use [sh, -c, "…"] for one
 *       env: { DOCTOR_STRICT: "true" }            # on top of the service's environment
 *       exit: 0                                   # the default
 *       output: "(?i)all checks passed"           # found anywhere in stdout + stderr; ^ and $ per line
 *       timeout: 30s                              # the default; then the process tree is killed
 * </pre>
 */
@API(status = INTERNAL, since = "0.1")
public final class ExecCheck implements CheckType {

    /** How long a command may run when the suite does not say. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final int OUTPUT_IN_MESSAGE = 600;

    private final Function<CheckContext, Optional<CommandRunner>> runners;

    /** Runs commands the way the context's runtime does; only {@code local} can for now. */
    public ExecCheck() {
        this(ExecCheck::runnerFor);
    }

    /** For runtimes that bring their own way to run a command. */
    public ExecCheck(Function<CheckContext, Optional<CommandRunner>> runners) {
        this.runners = Objects.requireNonNull(runners, "runners must not be null");
    }

    static Optional<CommandRunner> runnerFor(CheckContext context) {
        return "local".equals(context.profile().runtime()) ? Optional.of(new LocalCommandRunner()) : Optional.empty();
    }

    @Override
    public String type() {
        return "exec";
    }

    @Override
    public Set<String> keys() {
        return Set.of("command", "env", "exit", "output", "timeout");
    }

    @Override
    public Set<String> requiredKeys() {
        return Set.of("command");
    }

    @Override
    public CheckResult run(CheckSpec spec, CheckContext context) {
        CheckConfig config = new CheckConfig(spec, context.variables());
        List<String> argv = config.strings("command");
        if (argv.isEmpty()) {
            throw config.invalid("command", "a list: the program, then its arguments", "nothing");
        }
        Map<String, String> extra = new LinkedHashMap<>();
        config.map("env").forEach((name, value) -> extra.put(name, config.resolve(String.valueOf(value))));
        int expectedExit = config.integer("exit").orElse(0);
        Optional<Pattern> output = outputPattern(config);
        Duration timeout = config.duration("timeout", DEFAULT_TIMEOUT);
        Optional<RunningService> service = context.service();
        Map<String, String> env = new LinkedHashMap<>(service.map(RunningService::environment).orElse(Map.of()));
        env.putAll(extra);
        Secrets secrets = Secrets.of(service).and(Secrets.in(extra));
        String line = secrets.mask(commandLine(argv));
        Optional<CommandRunner> runner = runners.apply(context);
        if (runner.isEmpty()) {
            return CheckResult.broken(spec.name(), "exec cannot run `" + line + "` on the " + context.profile().runtime()
                    + " runtime yet; only local runs commands", List.of());
        }
        CommandRunner.Execution execution;
        try {
            execution = runner.get().run(new CommandRunner.Command(argv, env, timeout));
        } catch (IOException e) {
            return CheckResult.broken(spec.name(), secrets.mask("cannot start `" + line + "`: " + e.getMessage()), List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.broken(spec.name(), "interrupted while `" + line + "` ran; it was killed", List.of());
        }
        String text = secrets.mask(execution.output());
        List<Evidence> evidence = List.of(Evidence.text("exec " + abbreviate(line, 80), "$ " + line + "\n"
                + service.map(s -> "# in the environment of release " + s.release().id() + "\n")
                        .orElse("# no release is up: the harness's environment only\n")
                + text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n")
                + (execution.timedOut() ? "# killed after " + timeout.toMillis() + " ms" : "# exit " + execution.exitCode())
                + " (" + execution.elapsed().toMillis() + " ms)"));
        if (execution.timedOut()) {
            return CheckResult.failed(spec.name(), "expected `" + line + "` to finish within " + describe(timeout)
                    + "; it was still running, so it and every process it started were killed (timeout). Output so far: "
                    + tail(text), evidence);
        }
        if (execution.exitCode() != expectedExit) {
            return CheckResult.failed(spec.name(), "expected `" + line + "` to exit with " + expectedExit
                    + "; it exited with " + execution.exitCode() + ". Output: " + tail(text), evidence);
        }
        if (output.isPresent() && !output.get().matcher(execution.output()).find()) {
            return CheckResult.failed(spec.name(), "expected the output of `" + line + "` to match /" + output.get()
                    + "/; it was: " + tail(text), evidence);
        }
        return CheckResult.passed(spec.name(), "`" + line + "` exited with " + execution.exitCode()
                + output.map(p -> " and its output matched /" + p + "/").orElse("") + " in "
                + execution.elapsed().toMillis() + " ms", evidence);
    }

    private static Optional<Pattern> outputPattern(CheckConfig config) {
        try {
            return config.string("output").map(regex -> Pattern.compile(regex, Pattern.MULTILINE));
        } catch (PatternSyntaxException e) {
            throw config.invalid("output", "a regular expression (" + e.getDescription() + ")", e.getPattern());
        }
    }

    /** The command as a person would type it, arguments with spaces or quotes single-quoted. */
    static String commandLine(List<String> argv) {
        return argv.stream().map(arg -> arg.isEmpty() || arg.matches(".*[\\s'\"\\\\$`|&;<>()*?].*")
                ? "'" + arg.replace("'", "'\\''") + "'" : arg).collect(Collectors.joining(" "));
    }

    /** The end of the output, on one line: where a failing command says why. */
    private static String tail(String output) {
        String flat = output.strip().replaceAll("\\s*\\n\\s*", " | ");
        if (flat.isEmpty()) {
            return "(none)";
        }
        return flat.length() > OUTPUT_IN_MESSAGE ? "…" + flat.substring(flat.length() - OUTPUT_IN_MESSAGE) : flat;
    }

    private static String abbreviate(String text, int max) {
        return text.length() > max ? text.substring(0, max - 1) + "…" : text;
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + " ms";
    }
}
