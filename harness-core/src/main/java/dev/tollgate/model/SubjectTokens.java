package dev.tollgate.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apiguardian.api.API;

import dev.tollgate.api.Hints;
import dev.tollgate.model.Profile;
import dev.tollgate.model.SubjectSpec;

/**
 * The bearer tokens a profile's subjects hold by themselves ({@code token}, {@code tokenFile}, a
 * generated one), resolved when they are used. Login subjects get theirs from the service, later.
 */
@API(status = INTERNAL, since = "0.1")
public final class SubjectTokens {

    private SubjectTokens() {
    }

    /**
     * The subject's own token, or empty for a login or anonymous subject.
     *
     * @throws IllegalArgumentException when its variable is unset or its file cannot be read, naming
     *                                  the subject and the fix, never the value
     */
    public static Optional<String> of(String name, SubjectSpec subject, Profile profile, Variables variables) {
        if (subject.token() != null) {
            try {
                return Optional.of(variables.resolve(subject.token()));
            } catch (Variables.UndefinedVariableException e) {
                throw new IllegalArgumentException(profile.describe() + ": the token of subject '" + name + "' is "
                        + e.getMessage() + "; set it with " + Hints.setting(e.variable(), "…") + " or as an environment variable"
                        + " (or add generate: true for a random one per run)");
            }
        }
        if (subject.tokenFile() != null) {
            Path file = Path.of(variables.resolve(subject.tokenFile()));
            if (!file.isAbsolute() && profile.source() != null && profile.source().getParent() != null) {
                file = profile.source().getParent().resolve(file);
            }
            try {
                return Optional.of(Files.readString(file).strip());
            } catch (IOException e) {
                throw new IllegalArgumentException(profile.describe() + ": cannot read the token file of subject '"
                        + name + "' (" + file + "): " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** {@code subjects.NAME.token} for every subject that holds a token itself. */
    public static Map<String, String> variables(Profile profile, Variables variables) {
        Map<String, String> values = new LinkedHashMap<>();
        profile.subjects().forEach((name, subject) -> of(name, subject, profile, variables)
                .ifPresent(token -> values.put("subjects." + name + ".token", token)));
        return values;
    }
}
