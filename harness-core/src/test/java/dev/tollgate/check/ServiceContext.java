package dev.tollgate.check;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import dev.tollgate.model.CheckSpec;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Release;
import dev.tollgate.model.Variables;
import dev.tollgate.system.DatabaseEndpoint;
import dev.tollgate.system.RunningService;

/**
 * For tests of checks that talk to a running service but not its database: a context whose
 * "release" is whatever real server the test started at {@code baseUri}, started with
 * {@code environment}, and which keeps what checks capture.
 */
public final class ServiceContext implements CheckContext {

    private final RunningService service;
    private final Map<String, String> captured = new HashMap<>();

    public ServiceContext(URI baseUri, Map<String, String> environment) {
        this.service = new RunningService(new Release("1.1.0"), baseUri, Path.of("service.log"), environment);
    }

    public CheckResult check(CheckType type, Map<String, Object> config) {
        return type.run(EvidenceDatabase.spec(type.type(), config), this);
    }

    public Map<String, String> captured() {
        return Map.copyOf(captured);
    }

    /** Every message and piece of evidence, as a report would show them. */
    public static String shown(CheckResult result) {
        StringBuilder text = new StringBuilder(result.message());
        result.evidence().forEach(evidence -> text.append('\n').append(evidence.content()));
        return text.toString();
    }

    /** For tests that build a spec by hand. */
    public static CheckSpec spec(CheckType type, Map<String, Object> config) {
        return EvidenceDatabase.spec(type.type(), config);
    }

    @Override
    public Profile profile() {
        throw new UnsupportedOperationException("these checks do not read the profile");
    }

    @Override
    public Optional<RunningService> service() {
        return Optional.of(service);
    }

    @Override
    public DatabaseEndpoint database() {
        throw new UnsupportedOperationException("these checks do not read the database");
    }

    @Override
    public Variables variables() {
        return Variables.of(Map.copyOf(captured));
    }

    @Override
    public void capture(String name, String value) {
        captured.put(name, value);
    }
}
