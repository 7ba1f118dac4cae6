package dev.tollgate.maven;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.apache.maven.plugin.MojoExecutionException;

/**
 * Runs the rehearsal's JVM: its progress lines go to the build's output as they come; the last
 * lines of its error output are also kept, for the message of a build it stops.
 */
final class ChildProcess {

    private static final int KEPT_LINES = 15;

    /**
     * @param exitCode the command line's exit code
     * @param errors   the last lines it wrote to its error output
     */
    record Result(int exitCode, List<String> errors) {
    }

    private ChildProcess() {
    }

    static Result run(List<String> command, Path workingDirectory) throws MojoExecutionException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(workingDirectory.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectInput(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot start the rehearsal's JVM (" + command.get(0) + "): " + e.getMessage(), e);
        }
        // Ctrl+C on the build ends the rehearsal too, which then stops the services it started.
        Thread stop = new Thread(process::destroy, "tollgate-rehearsal-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        Deque<String> last = new ArrayDeque<>();
        try (BufferedReader errors = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = errors.readLine(); line != null; line = errors.readLine()) {
                System.err.println(line);
                last.addLast(line);
                if (last.size() > KEPT_LINES) {
                    last.removeFirst();
                }
            }
            return new Result(process.waitFor(), List.copyOf(last));
        } catch (IOException e) {
            process.destroy();
            throw new MojoExecutionException("Lost the rehearsal's error output: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("Interrupted while the rehearsal ran", e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException e) {
                // Maven's JVM is already shutting down: the hook runs.
            }
        }
    }
}
