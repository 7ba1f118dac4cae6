package dev.tollgate.runtime;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.Hints;
import dev.tollgate.api.TollgateException;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Release;
import dev.tollgate.model.ReleaseSpec;
import dev.tollgate.model.SubjectTokens;
import dev.tollgate.model.Variables;
import dev.tollgate.system.DatabaseEndpoint;

/**
 * The variables the local runtime gives a release's command and environment: {@code ${release}},
 * {@code ${service.port}}, {@code ${database.url}} and the rest, the subjects' tokens, over the run's
 * own variables.
 */
final class ServiceVariables {

    private final Profile profile;
    private final Variables variables;

    ServiceVariables(Profile profile, Variables variables) {
        this.profile = profile;
        this.variables = variables;
    }

    /** The variables a start of {@code release} resolves the service's command and environment with. */
    Variables forRelease(Release release, int port, DatabaseEndpoint db, Path dataDir) {
        return variables.with(releaseVariables(release, port, db, dataDir)).with(subjectTokens());
    }

    private Map<String, String> releaseVariables(Release release, int port, DatabaseEndpoint db, Path dataDir) {
        Map<String, String> values = new HashMap<>();
        values.put("release", release.id());
        // The file its releases: entry names, checked to exist when the profile was loaded.
        profile.releases().find(release.id()).map(ReleaseSpec::file)
                .ifPresent(file -> values.put("release.file", file));
        values.put("java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        values.put("service.port", Integer.toString(port));
        values.put("service.host", Ports.LOOPBACK.getHostAddress());
        values.put("service.dataDir", dataDir.toString());
        if (mentions("${service.sshPort}")) {
            values.put("service.sshPort", Integer.toString(Ports.claim(0, "the SSH interface of release " + release, "")));
        }
        values.put("database.url", db.jdbcUrl());
        values.put("database.host", db.host());
        values.put("database.port", Integer.toString(db.port()));
        values.put("database.name", db.name());
        values.put("database.user", db.user());
        values.put("database.password", db.password());
        return values;
    }

    /** Whether the service's command or environment uses a variable: a second port is only claimed for a service that takes it. */
    private boolean mentions(String variable) {
        return profile.service().command().stream().anyMatch(part -> part.contains(variable))
                || profile.service().env().values().stream().anyMatch(value -> value.contains(variable));
    }

    // The subjects' tokens, for a service told its subjects (SAMPLE_SUBJECTS: "alice:admin:${subjects.admin.token}").
    private Map<String, String> subjectTokens() {
        try {
            return SubjectTokens.variables(profile, variables);
        } catch (IllegalArgumentException e) {
            throw new TollgateException(ErrorCode.LOAD_PROFILE_INVALID, e.getMessage());
        }
    }

    /** Resolves with the profile's settings; an undefined variable is the profile's error, naming how to set it. */
    <T> T resolving(Supplier<T> resolution) {
        try {
            return resolution.get();
        } catch (Variables.UndefinedVariableException e) {
            throw new TollgateException(ErrorCode.LOAD_UNDEFINED_VARIABLE, profile.describe() + ": " + e.getMessage()
                    + " in service settings. Set it with " + Hints.setting(e.variable(), "…") + " or as an environment variable.");
        }
    }
}
