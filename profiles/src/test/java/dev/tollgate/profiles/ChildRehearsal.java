package dev.tollgate.profiles;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A rehearsal in a JVM of its own, for the tests that interrupt one: how to start it and follow its output. */
public final class ChildRehearsal {

    private ChildRehearsal() {
    }

    /** {@code java -cp <the tests' classpath> -D<the tests' tollgate settings> <options> <main> <args>}. */
    public static List<String> command(List<String> options, Class<?> main, String... args) {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath,
                "-Dtollgate.sampleApp.jar=" + System.getProperty("tollgate.sampleApp.jar"),
                "-Dtollgate.profiles.dir=" + System.getProperty("tollgate.profiles.dir"),
                "-Dtollgate.evidence.dir=" + System.getProperty("tollgate.evidence.dir")));
        command.addAll(options);
        command.add(main.getName());
        command.addAll(List.of(args));
        return command;
    }

    /**
     * {@code command} started the way a background job of a non-interactive shell (some CI runners)
     * starts it: with SIGINT ignored, which the JVM then inherits and installs no handler for.
     */
    public static List<String> ignoringSigint(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("sh", "-c", "trap '' INT; exec \"$@\"", "sh"));
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * Sends {@code signal} ({@code INT} or {@code TERM}) to the child; SIGINT becomes SIGTERM where
     * the child ignores SIGINT ({@code SigIgn} in {@code /proc/PID/status}, inherited from a parent
     * that ignores it), since an ignored SIGINT would stop nothing and prove nothing. Says so.
     */
    public static String interrupt(Process child, String signal) throws IOException, InterruptedException {
        String sent = signal.equals("INT") && ignoresSigint(child.pid()) ? "TERM" : signal;
        if (!sent.equals(signal)) {
            System.out.println("the rehearsal (pid " + child.pid() + ") ignores SIGINT, inherited from its parent;"
                    + " sending SIGTERM, which ends a run the same way");
        }
        new ProcessBuilder("kill", "-" + sent, Long.toString(child.pid())).inheritIO().start().waitFor();
        return sent;
    }

    /** Whether the process ignores SIGINT: bit 2 (mask 0x2) of {@code SigIgn} in {@code /proc/PID/status}. */
    static boolean ignoresSigint(long pid) {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16) & 0x2) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // no /proc (not Linux): SIGINT is what a person would press
        }
        return false;
    }

    /** Ends the child and everything it started, whatever state a failing test left it in. */
    public static void end(Process child) {
        child.descendants().forEach(ProcessHandle::destroyForcibly);
        child.destroyForcibly();
    }

    /**
     * Reads the child's output into {@code output} until a line matches, and returns that line; fails
     * the test if the child ends first. The rest is drained in the background, so the child never
     * blocks on a full pipe while it shuts down.
     */
    public static String awaitLine(Process child, Predicate<String> wanted, String what, List<String> output) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = lines.readLine()) != null; ) {
            output.add(line);
            if (wanted.test(line)) {
                Thread drain = new Thread(() -> {
                    try {
                        lines.lines().forEach(output::add);
                    } catch (java.io.UncheckedIOException e) {
                        // "Stream closed": the JVM's process reaper closes a pipe when its child ends
                        // while this thread reads it. Uncaught, it failed the test that awaited something
                        // else (Awaitility fails on any thread's uncaught exception).
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return line;
            }
        }
        child.destroyForcibly();
        return fail("the rehearsal ended before reaching " + what + ":\n" + String.join("\n", output));
    }
}
