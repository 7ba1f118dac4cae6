package dev.tollgate.check.authz;

import java.time.Duration;
import java.util.Map;

import dev.tollgate.check.Secrets;
import dev.tollgate.check.http.SubjectCredentials;
import dev.tollgate.model.Profile;
import dev.tollgate.model.SubjectSpec;
import dev.tollgate.model.Variables;
import dev.tollgate.system.RunningService;

/**
 * The credentials of each subject of one matrix run (the profile's and the matrix's own), through
 * the one credential model every sender shares ({@link SubjectCredentials}). Every token and
 * password it handles is remembered as a secret, so nothing shown can carry one.
 */
final class Credentials {

    private final Map<String, SubjectSpec> subjects;
    private final SubjectCredentials credentials;
    private final Secrets secrets;

    Credentials(Map<String, SubjectSpec> subjects, Profile profile, Variables variables, RunningService service,
            Duration timeout, Secrets base) {
        this.subjects = Map.copyOf(subjects);
        this.credentials = new SubjectCredentials(subjects, profile, variables, service, timeout);
        this.secrets = base;
    }

    /**
     * Obtains every subject's credentials now (logging in where that is how), so a bad credential is
     * one broken result before any case runs.
     *
     * @throws IllegalArgumentException naming the subject and the fix, never the value
     */
    void resolveAll() {
        subjects.keySet().forEach(credentials::headers);
    }

    /** The headers the subject's requests carry; none for an anonymous subject. */
    Map<String, String> headers(String subject) {
        return credentials.headers(subject);
    }

    boolean anonymous(String subject) {
        return credentials.anonymous(subject);
    }

    /** After a 401: whether the subject's credential was stale and the request is worth sending again. */
    boolean renewAfterUnauthorized(String subject) {
        return credentials.unauthorized(subject);
    }

    Secrets secrets() {
        return secrets;
    }
}
