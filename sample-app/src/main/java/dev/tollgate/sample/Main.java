package dev.tollgate.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar sample-app.jar [serve|migrate|doctor|releases] [--release X]}. Expected problems end
 * with one line on stderr and a sysexits code (see {@link ExitCode}); configuration is in README.md.
 */
public final class Main {

    private static final String USAGE = "Usage: java -jar sample-app.jar [serve|migrate|doctor|releases] [--release ID]";

    /** Returned by {@link #run} when the server is up and the process must stay alive. */
    static final int SERVING = -1;

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, System.getenv(), System.out, System.err);
        if (code != SERVING) {
            System.exit(code);
        }
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        try {
            Arguments arguments = Arguments.parse(args);
            switch (arguments.command()) {
                case "help":
                    out.println(USAGE);
                    return ExitCode.OK;
                case "releases":
                    Releases.ids().forEach(out::println);
                    return ExitCode.OK;
                case "migrate":
                    return migrate(Settings.fromEnvironment(env, arguments.release()));
                case "doctor":
                    return new Doctor(out).run(Settings.fromEnvironment(env, arguments.release()));
                default:
                    return serve(Settings.fromEnvironment(env, arguments.release()));
            }
        } catch (StartupException e) {
            err.println(e.getMessage());
            return e.exitCode();
        } catch (RuntimeException e) {
            err.println("Unexpected failure: " + e);
            e.printStackTrace(err);
            return ExitCode.SOFTWARE;
        }
    }

    private static int migrate(Settings settings) {
        Release release = Releases.require(settings.release());
        try (var dataSource = Database.open(settings)) {
            String version = new Migrations(dataSource, release).migrate();
            log().info("Migrated release={} schemaVersion={}", release.id(), version);
            return ExitCode.OK;
        }
    }

    private static int serve(Settings settings) {
        SampleServer server = SampleServer.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
        if (settings.exitOnStdinEof()) {
            watchStdin(System.in);
        }
        return SERVING;
    }

    /** Lets a parent process guarantee no orphan survives it: when our stdin closes, so do we. */
    private static void watchStdin(InputStream in) {
        Thread watcher = new Thread(() -> {
            byte[] buffer = new byte[256];
            try {
                while (in.read(buffer) != -1) {
                    // discard: only the end matters
                }
            } catch (IOException e) {
                log().warn("Reading stdin failed ({}); treating it as closed", e.getMessage());
            }
            log().info("Standard input closed and SAMPLE_EXIT_ON_STDIN_EOF=true: stopping");
            System.exit(ExitCode.OK);
        }, "stdin-eof-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static Logger log() {
        return LoggerFactory.getLogger(Main.class);
    }

    record Arguments(String command, String release) {
        static Arguments parse(String[] args) {
            String command = null;
            String release = null;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--release")) {
                    if (i + 1 >= args.length) {
                        throw new StartupException(ExitCode.USAGE, "--release needs a release id. " + USAGE);
                    }
                    release = args[++i];
                } else if (arg.startsWith("--release=")) {
                    release = arg.substring("--release=".length());
                } else if (arg.equals("--help") || arg.equals("-h") || arg.equals("help")) {
                    command = "help";
                } else if (command == null && (arg.equals("serve") || arg.equals("migrate") || arg.equals("doctor")
                        || arg.equals("releases"))) {
                    command = arg;
                } else {
                    throw new StartupException(ExitCode.USAGE, "Unexpected argument '" + arg + "'. " + USAGE);
                }
            }
            return new Arguments(command == null ? "serve" : command, release);
        }
    }
}
