package dev.tollgate.cli;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.apiguardian.api.API;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code java -jar tollgate.jar COMMAND}: the entry point of the command line. Each command is its
 * own class; this one only routes and turns errors into exit codes.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Command(name = "tollgate", mixinStandardHelpOptions = true, versionProvider = Tollgate.Version.class,
        description = {"Rehearse a release of a PostgreSQL-backed service and decide whether it may ship.", ""},
        footer = {"", "Run 'tollgate COMMAND --help' for a command's options.",
                "Exit codes: 0 success/GO, 1 NO-GO, INCONCLUSIVE or problems found, 2 usage or configuration error, "
                        + "3 broken environment."})
public final class Tollgate implements Runnable {

    private static final String NO_CLOSURES = "picocli.disable.closures";
    /**
     * The commands, in the order help lists them. Picocli builds a command's model from its
     * annotations when the command is added, about 0.03 s of the start for the five a command line
     * does not name: it gets the one it names alone ({@link #commandsFor}); anything else (help, a
     * mistyped name, no command) gets them all, so that help and usage errors list them all.
     */
    private static final Map<String, Supplier<Object>> COMMANDS = commands();

    // What reads no profile or suite: nothing to prepare for it (init writes them, help and the version read none).
    private static final java.util.Set<String> LOADS_NOTHING = java.util.Set.of("init", "help", "-h", "--help", "-V", "--version");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command and returns its exit code, for tests and embedding. */
    public static int execute(String... args) {
        // Hints in messages name this entry point's options (--previous), not Maven's -D… (unless the
        // Maven plugin, which runs this in a child JVM, said it is the entry point).
        if (System.getProperty(dev.tollgate.api.Hints.ENTRY_POINT) == null) {
            System.setProperty(dev.tollgate.api.Hints.ENTRY_POINT, "cli");
        }
        // Picocli's default factory looks for Groovy's Closure, for closures in annotations, and Groovy is
        // on the class path (RestAssured's JSON paths need it): initialising it there cost a tenth of a
        // second of every command's start. Tollgate's annotations hold no closures.
        if (System.getProperty(NO_CLOSURES) == null) {
            System.setProperty(NO_CLOSURES, "true");
        }
        if (args.length > 0 && !LOADS_NOTHING.contains(args[0])) {
            prepareLoadingBeside();
        }
        return commandLine(args).execute(args);
    }

    /** The command line that runs {@code args}: the commands it needs, and how errors become exit codes. */
    static CommandLine commandLine(String... args) {
        CommandLine commandLine = new CommandLine(new Tollgate());
        // Before the handlers below: picocli gives them to the subcommands present when they are set.
        commandsFor(args).forEach((name, command) -> commandLine.addSubcommand(name, command.get()));
        commandLine
                .setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? ExitCodes.USAGE
                        : e instanceof dev.tollgate.api.TollgateException tollgate ? tollgate.code().exitCode()
                        : ExitCodes.RUNTIME)
                .setExecutionExceptionHandler((e, line, parsed) -> {
                    // Tollgate's messages name the problem and the fix: no stack trace for them.
                    if (e instanceof dev.tollgate.api.TollgateException) {
                        line.getErr().println(e.getMessage());
                    } else {
                        e.printStackTrace(line.getErr());
                    }
                    return line.getExitCodeExceptionMapper().getExitCode(e);
                });
        commandLine.setParameterExceptionHandler((e, params) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("tollgate: " + e.getMessage());
            err.println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for its options.");
            return ExitCodes.USAGE;
        });
        return commandLine;
    }

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("init", InitCommand::new);
        commands.put("run", RunCommand::new);
        commands.put("merge", MergeCommand::new);
        commands.put("validate", ValidateCommand::new);
        commands.put("list", ListCommand::new);
        commands.put("doctor", DoctorCommand::new);
        commands.put("help", CommandLine.HelpCommand::new);
        return Collections.unmodifiableMap(commands);
    }

    /** The commands a command line needs: the one it names, or all of them when it names none (or help). */
    static Map<String, Supplier<Object>> commandsFor(String... args) {
        if (args.length > 0 && COMMANDS.containsKey(args[0]) && !"help".equals(args[0])) {
            return Map.of(args[0], COMMANDS.get(args[0]));
        }
        return COMMANDS;
    }

    /**
     * Picocli builds its commands from their annotations for a tenth of a second, on one core: on
     * another, meanwhile, what reading the project file, the profile and the suites builds first
     * ({@link dev.tollgate.load.FirstUse}), so that the command reads them without building it.
     * Whatever fails here fails again, with its message, where the command reads the file.
     */
    private static void prepareLoadingBeside() {
        Thread prepare = new Thread(() -> {
            try {
                ProjectFile.prepare();
                dev.tollgate.load.FirstUse.prepare();
            } catch (RuntimeException e) {
                // said by the command that reads the file
            }
        }, "tollgate-load-warm-up");
        prepare.setDaemon(true);
        prepare.start();
    }

    @Override
    public void run() {
        // No command: say what there is.
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: init, run, merge, validate, list or doctor");
    }

    /** The jar's version, from its manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Tollgate.class.getPackage().getImplementationVersion();
            return new String[] {"tollgate " + (version == null ? "development" : version) + " (Java "
                    + System.getProperty("java.version") + ")"};
        }
    }
}
