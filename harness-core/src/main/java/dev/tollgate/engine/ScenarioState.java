package dev.tollgate.engine;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import dev.tollgate.db.ReadingSessions;
import dev.tollgate.model.Release;
import dev.tollgate.runtime.Progress;
import dev.tollgate.runtime.SystemUnderTest;

/**
 * One suite's world while it runs: its own deployment, the values its checks captured, and why it
 * stopped, if a lifecycle step failed.
 */
final class ScenarioState implements AutoCloseable {

    private final SystemUnderTest system;
    private final RuntimeCheckContext checks;
    private final Progress progress;
    private final AtomicReference<String> abortReason = new AtomicReference<>();
    private final ReadingSessions readings = new ReadingSessions();

    ScenarioState(SystemUnderTest system, RuntimeCheckContext checks, Progress progress) {
        this.system = system;
        this.checks = checks;
        this.progress = progress;
    }

    /** The suite's own progress lines: prefixed with its name when suites run side by side. */
    Progress progress() {
        return progress;
    }

    SystemUnderTest system() {
        return system;
    }

    RuntimeCheckContext checks() {
        return checks;
    }

    /** The connections the suite's readings keep while its steps only read. */
    ReadingSessions readings() {
        return readings;
    }

    /** A step target as a release: {@code previous}, {@code candidate}, a variable, or a release id. */
    Release release(String target) {
        String resolved = switch (target) {
            case "previous", "candidate" -> checks.variables().resolve("${" + target + "}");
            default -> checks.variables().resolve(target);
        };
        return new Release(resolved);
    }

    void abort(String reason) {
        abortReason.compareAndSet(null, reason);
    }

    Optional<String> abortReason() {
        return Optional.ofNullable(abortReason.get());
    }

    @Override
    public void close() {
        readings.close();  // before the deployment goes: its database is dropped or handed on
        system.close();
    }
}
