package dev.tollgate.check;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apiguardian.api.API;

import dev.tollgate.load.Variables;
import dev.tollgate.model.Profile;
import dev.tollgate.runtime.DatabaseEndpoint;
import dev.tollgate.runtime.RunningService;
import dev.tollgate.runtime.SystemUnderTest;

/** The context of checks in one scenario: its deployment, and the values captured so far. */
@API(status = EXPERIMENTAL, since = "0.1")
public final class RuntimeCheckContext implements CheckContext {

    private final Profile profile;
    private final SystemUnderTest system;
    private final Variables base;
    private final Map<String, String> captured = new ConcurrentHashMap<>();

    public RuntimeCheckContext(Profile profile, SystemUnderTest system, Variables base) {
        this.profile = profile;
        this.system = system;
        this.base = base;
    }

    @Override
    public Profile profile() {
        return profile;
    }

    @Override
    public Optional<RunningService> service() {
        return system.current();
    }

    @Override
    public DatabaseEndpoint database() {
        return system.database();
    }

    @Override
    public Variables variables() {
        return base.with(Map.copyOf(captured));
    }

    /** The log of the release started last, also when it has stopped or crashed. */
    @Override
    public Optional<java.nio.file.Path> phaseLog() {
        return system.lastDeployed().map(RunningService::logFile);
    }

    @Override
    public void capture(String name, String value) {
        captured.put(name, value);
    }
}
