package dev.tollgate.runtime.compose;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apiguardian.api.API;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;

/**
 * The compose command line: Compose v2 ({@code docker compose}) where it is installed, else v1
 * ({@code docker-compose}). Both take the same subcommands for what Tollgate does.
 */
@API(status = INTERNAL, since = "0.1")
public final class ComposeCli {

    private final List<String> program;
    private final String version;

    private ComposeCli(List<String> program, String version) {
        this.program = List.copyOf(program);
        this.version = version;
    }

    /** Finds a compose CLI, v2 first. */
    public static synchronized ComposeCli detect() {
        // Once per JVM: each suite's runtime asks (suites side by side ask at once), and 'docker-compose
        // version' (Python) takes half a second.
        if (detected == null) {
            detected = find();
        }
        return detected;
    }

    private static ComposeCli detected;

    private static ComposeCli find() {
        for (List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
            List<String> command = new ArrayList<>(candidate);
            command.add("version");
            try {
                Result result = run(command, Map.of(), null, Duration.ofSeconds(30));
                if (result.exitCode() == 0) {
                    return new ComposeCli(candidate, result.output().lines().findFirst().orElse("").strip());
                }
            } catch (TollgateException e) {
                // not installed: try the next one
            }
        }
        throw new TollgateException(ErrorCode.RUNTIME_DOCKER_UNAVAILABLE, "No compose CLI: neither 'docker compose'"
                + " (Compose v2) nor 'docker-compose' (Compose v1) runs here, and the compose profiles need one. "
                + DockerEngine.HOW_TO_FIX);
    }

    /** {@code [docker, compose]} or {@code [docker-compose]}. */
    public List<String> program() {
        return program;
    }

    /** The first line of its {@code version} output. */
    public String version() {
        return version;
    }

    /** What a command printed (standard output and error together) and how it ended. */
    record Result(int exitCode, String output) {
    }

    static Result run(List<String> command, Map<String, String> env, Path directory, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        Path output = null;
        Process process = null;
        try {
            output = Files.createTempFile("tollgate-compose", ".out");
            builder.redirectOutput(output.toFile());
            process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new TollgateException(ErrorCode.RUNTIME_COMPOSE_FAILED, "'" + String.join(" ", command)
                        + "' did not finish within " + timeout.toSeconds() + "s");
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TollgateException(ErrorCode.RUNTIME_COMPOSE_FAILED, "Cannot run '" + String.join(" ", command)
                    + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            if (process != null) {
                process.destroy();
            }
            Thread.currentThread().interrupt();
            throw new TollgateException(ErrorCode.RUNTIME_COMPOSE_FAILED, "'" + String.join(" ", command) + "' was interrupted", e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    // a temporary file; the OS cleans it
                }
            }
        }
    }
}
