package dev.tollgate.check.http;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apiguardian.api.API;

import dev.tollgate.check.Secrets;
import dev.tollgate.check.http.CredentialIssuer.Obtained;
import dev.tollgate.model.SubjectTokens;
import dev.tollgate.model.Variables;
import dev.tollgate.model.Profile;
import dev.tollgate.model.SubjectSpec;
import dev.tollgate.system.RunningService;

/**
 * The credential headers each subject is sent with, for everything that sends requests as a subject
 * (the authz matrix, {@code http}'s {@code as:} and so seed fixtures, the version check). A
 * credential the service hands out (a login's token or session cookie, an OAuth2 access token) is
 * obtained when the subject is first used, kept for the service that issued it, and obtained again
 * when it expires or the service answers 401 to it. Every value it handles is
 * {@linkplain Secrets#remember remembered}, so no writer shows one.
 */
@API(status = INTERNAL, since = "0.2")
public final class SubjectCredentials {

    /**
     * A credential fetched this recently is not renewed on a 401: the service refuses this subject,
     * it has not forgotten it. Renewing (and resending) only older ones keeps a denied change from
     * being sent twice.
     */
    static final Duration FRESH = Duration.ofSeconds(10);
    /** Per service start and subject: what the service handed out, until it expires. */
    private static final Map<String, Obtained> OBTAINED = new ConcurrentHashMap<>();

    private final Map<String, SubjectSpec> subjects;
    private final Profile profile;
    private final Variables variables;
    private final RunningService service;
    private final CredentialIssuer issuer;

    public SubjectCredentials(Map<String, SubjectSpec> subjects, Profile profile, Variables variables, RunningService service,
            Duration timeout) {
        this.subjects = new LinkedHashMap<>(subjects);
        this.profile = profile;
        this.variables = variables;
        this.service = service;
        this.issuer = new CredentialIssuer(variables, service, timeout, this::ownSecret);
    }

    /** For the profile's own subjects. */
    public static SubjectCredentials of(Profile profile, Variables variables, RunningService service, Duration timeout) {
        return new SubjectCredentials(profile.subjects(), profile, variables, service, timeout);
    }

    public boolean knows(String subject) {
        return subjects.containsKey(subject);
    }

    public boolean anonymous(String subject) {
        return spec(subject).isAnonymous();
    }

    /**
     * The headers that carry the subject's credentials (none for an anonymous subject), obtaining
     * them from the service first when that is how.
     *
     * @throws IllegalArgumentException naming the subject, what was asked and the fix, never a value
     */
    public Map<String, String> headers(String subject) {
        SubjectSpec spec = spec(subject);
        if (spec.isAnonymous()) {
            return Map.of();
        }
        if (!spec.obtained()) {
            return present(subject, spec);
        }
        String key = key(subject);
        Obtained held = OBTAINED.get(key);
        if (held == null || !held.valid(Instant.now())) {
            held = issuer.obtain(subject, spec);
            OBTAINED.put(key, held);
        }
        return held.headers();
    }

    /**
     * After the service answered 401 to a credential it handed out: forgets it, so the next
     * {@link #headers} obtains a new one. Returns whether the request is worth sending again (the
     * credential was not just obtained).
     */
    public boolean unauthorized(String subject) {
        SubjectSpec spec = subjects.get(subject);
        if (spec == null || !spec.obtained()) {
            return false;
        }
        Obtained held = OBTAINED.remove(key(subject));
        return held != null && held.at().plus(FRESH).isBefore(Instant.now());
    }

    /** Forgets every credential this JVM obtained (a restore discarded the sessions, say). */
    public static void forgetAll() {
        OBTAINED.clear();
    }

    private SubjectSpec spec(String subject) {
        SubjectSpec spec = subjects.get(subject);
        if (spec == null) {
            throw new IllegalArgumentException("no subject '" + subject + "' in " + profile.describe()
                    + "; subjects: " + String.join(", ", subjects.keySet()));
        }
        return spec;
    }

    private String key(String subject) {
        return service.baseUri() + "|" + service.release().id() + "|" + subject + "|" + System.identityHashCode(subjects.get(subject));
    }

    /** The subject's own secret: token, tokenFile or a generated one. */
    private Optional<String> ownSecret(String subject, SubjectSpec spec) {
        Optional<String> secret = SubjectTokens.of(subject, spec, profile, variables);
        secret.ifPresent(Secrets::remember);
        return secret;
    }

    private Map<String, String> present(String subject, SubjectSpec spec) {
        if (spec.basic() != null) {
            String username = variables.resolve(spec.basic().username());
            String password = spec.basic().password() != null ? variables.resolve(spec.basic().password())
                    : ownSecret(subject, spec).orElseThrow(() -> new IllegalArgumentException("subject '" + subject
                            + "' (basic) has no password: set basic.password, or token/tokenFile"));
            Secrets.remember(password);
            String encoded = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
            Secrets.rememberCredential("Basic " + encoded);
            return Map.of("Authorization", "Basic " + encoded);
        }
        String token = ownSecret(subject, spec).orElseThrow(() -> new IllegalArgumentException("subject '" + subject
                + "' has no token: set token, tokenFile or generate: true"));
        return asHeader(spec, token);
    }

    /** The header the subject sends its token in: {@code header:} as set, else {@code Authorization: Bearer}. */
    static Map<String, String> asHeader(SubjectSpec spec, String token) {
        String name = spec.header() == null ? "Authorization" : spec.header().name();
        String prefix = spec.header() == null ? "Bearer " : spec.header().prefix();
        Secrets.remember(token);
        return Map.of(name, prefix + token);
    }
}
