package dev.tollgate.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.model.Release;
import dev.tollgate.system.RunningService;

/**
 * One release running as a child process, its output captured to a log file. Its standard input
 * stays open for as long as the harness lives, so a service that exits on end-of-input (as the
 * sample service can) cannot outlive a harness that was killed outright.
 */
final class ServiceProcess implements ReadinessProbe.ProbeTarget {

    private final Release release;
    private final Process process;
    private final Path logFile;
    private final URI baseUri;
    private final Map<String, String> environment;
    private final Map<String, URI> ports;

    private ServiceProcess(Release release, Process process, Path logFile, URI baseUri, Map<String, String> environment,
            Map<String, URI> ports) {
        this.release = release;
        this.ports = Map.copyOf(ports);
        this.environment = Map.copyOf(environment);
        this.process = process;
        this.logFile = logFile;
        this.baseUri = baseUri;
    }

    static ServiceProcess start(Release release, List<String> command, Map<String, String> env, Path logFile,
            URI baseUri, Map<String, URI> ports, String profileName) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(env);
        try {
            return new ServiceProcess(release, builder.start(), logFile, baseUri, env, ports);
        } catch (IOException e) {
            throw new TollgateException(ErrorCode.RUNTIME_SERVICE_LAUNCH_FAILED, "Cannot start release " + release
                    + ": the command " + command.get(0) + " could not be run (" + e.getMessage()
                    + "). Check service.command in " + profileName + ".", e);
        }
    }

    Release release() {
        return release;
    }

    RunningService describeRunning() {
        return new RunningService(release, baseUri, logFile, environment, ports);
    }

    @Override
    public Path logFile() {
        return logFile;
    }

    @Override
    public URI baseUri() {
        return baseUri;
    }

    /** Where it answers on a named port. */
    URI baseUri(String port) {
        return port == null ? baseUri : describeRunning().resolve(port, "/");
    }

    @Override
    public String describe() {
        return "release " + release + " (pid " + process.pid() + ")";
    }

    @Override
    public String logTail() {
        return tail(20);
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    @Override
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** The last lines the service wrote, to explain why it failed without opening the log. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log " + logFile + " cannot be read: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM to the service and anything it started; SIGKILL for what is still there after the grace period. */
    void stop(Duration grace) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(process.getOutputStream());
        }
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // the process is gone; nothing left to tell it
        }
    }
}
