package dev.tollgate.runtime.compose;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.tollgate.api.Constants;
import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.Hints;
import dev.tollgate.api.TollgateException;
import dev.tollgate.model.ComposeSpec;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Release;
import dev.tollgate.model.ReleaseSpec;
import dev.tollgate.model.SubjectTokens;
import dev.tollgate.model.Variables;

/**
 * The values one run hands the compose file and its containers: the database's user and made-up
 * password, the run id, where ports are published, the release variable, the subjects' tokens;
 * and the service's environment for a one-off container on another database of the same server.
 * The password lives here and in the containers' environment only, never in a file Tollgate writes.
 */
final class ComposeEnvironment {

    /** The port PostgreSQL listens on inside its container, where the other containers reach it. */
    static final int POSTGRES_PORT = 5432;

    private final Profile profile;
    private final ComposeSpec spec;
    private final Variables variables;
    private final String password = newPassword();

    ComposeEnvironment(Profile profile, Variables variables) {
        this.profile = profile;
        this.spec = profile.compose();
        this.variables = variables;
    }

    String password() {
        return password;
    }

    /**
     * What the compose file's release variable is set to for {@code release}: the image its
     * {@code releases:} entry names, else its id (for a file that builds the image from it).
     */
    String releaseValue(Release release) {
        return profile.releases().find(release.id()).map(ReleaseSpec::image).orElse(release.id());
    }

    /** The compose project's environment for this run, with no release deployed yet. */
    Map<String, String> compose(String runId, String publishAddress) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("POSTGRES_USER", spec.user());
        env.put("POSTGRES_PASSWORD", password);
        env.put("POSTGRES_DB", profile.database().name());
        env.put(Constants.RUN_ID_ENV, runId);
        // Where the compose file publishes its ports, if it asks: loopback here, every interface on another host.
        env.put(EngineAddress.PUBLISH_ADDRESS_VARIABLE, publishAddress);
        // Until a release is deployed, the release variable names none; nothing starts with it.
        env.put(spec.release(), "none");
        try {
            // The subjects' tokens of this run, for a compose file that hands them to the service.
            env.putAll(variables.with(SubjectTokens.variables(profile, variables)).resolve(spec.env()));
        } catch (Variables.UndefinedVariableException e) {
            throw new TollgateException(ErrorCode.LOAD_UNDEFINED_VARIABLE, profile.describe() + ": " + e.getMessage()
                    + " in compose.env. Set it with " + Hints.setting(e.variable(), "…") + " or as an environment variable.");
        }
        return env;
    }

    /** The service's environment for a one-off container on another database of the same server. */
    Map<String, String> oneOff(String databaseName) {
        Map<String, String> values = new HashMap<>();
        values.put("database.host", spec.database());
        values.put("database.port", Integer.toString(POSTGRES_PORT));
        values.put("database.name", databaseName);
        values.put("database.user", spec.user());
        values.put("database.password", password);
        values.put("database.url", "jdbc:postgresql://" + spec.database() + ":" + POSTGRES_PORT + "/" + databaseName);
        try {
            return variables.with(values).resolve(profile.service().env());
        } catch (Variables.UndefinedVariableException e) {
            throw new TollgateException(ErrorCode.LOAD_UNDEFINED_VARIABLE, profile.describe() + ": " + e.getMessage()
                    + " in service.env. Set it with " + Hints.setting(e.variable(), "…") + " or as an environment variable.");
        }
    }

    /** The probe as the profile writes it, its token resolved: a subject's, like {@code ${subjects.viewer.token}}. */
    ComposeSpec.Probe probe() {
        ComposeSpec.Probe probe = spec.probe();
        if (probe.token() == null) {
            return probe;
        }
        String token = variables.with(SubjectTokens.variables(profile, variables)).resolve(probe.token());
        return new ComposeSpec.Probe(probe.path(), token, probe.interval());
    }

    private static String newPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
