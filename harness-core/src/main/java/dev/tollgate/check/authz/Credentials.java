package dev.tollgate.check.authz;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tollgate.check.Secrets;
import dev.tollgate.check.http.HttpExchange;
import dev.tollgate.model.Profile;
import dev.tollgate.model.SubjectSpec.LoginSpec;
import dev.tollgate.model.SubjectSpec;
import dev.tollgate.model.SubjectTokens;
import dev.tollgate.model.Variables;
import dev.tollgate.runtime.RunningService;

/**
 * The bearer token of each subject of one matrix run: its own ({@code token}, {@code tokenFile},
 * generated), or one a login flow yields, asked once. Every token and password it handles is
 * among {@link #secrets()}, so nothing shown can carry one.
 */
final class Credentials {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, SubjectSpec> subjects;
    private final Profile profile;
    private final Variables variables;
    private final RunningService service;
    private final Duration timeout;
    private final Map<String, Optional<String>> tokens = new ConcurrentHashMap<>();
    private volatile Secrets secrets;

    Credentials(Map<String, SubjectSpec> subjects, Profile profile, Variables variables, RunningService service,
            Duration timeout, Secrets base) {
        this.subjects = new LinkedHashMap<>(subjects);
        this.profile = profile;
        this.variables = variables;
        this.service = service;
        this.timeout = timeout;
        this.secrets = base;
    }

    /**
     * Resolves every subject's token now (logging in where that is how), so a bad credential is one
     * broken result before any case runs, and every secret is known before anything is shown.
     *
     * @throws IllegalArgumentException naming the subject and the fix, never the value
     */
    void resolveAll() {
        subjects.keySet().forEach(this::token);
    }

    /** The subject's bearer token, or empty for an anonymous subject. */
    Optional<String> token(String subject) {
        return tokens.computeIfAbsent(subject, this::resolve);
    }

    Secrets secrets() {
        return secrets;
    }

    private Optional<String> resolve(String name) {
        SubjectSpec subject = subjects.get(name);
        if (subject == null) {
            throw new IllegalArgumentException("no subject '" + name + "'");
        }
        if (subject.isAnonymous()) {
            return Optional.empty();
        }
        Optional<String> token = subject.login() != null ? Optional.of(login(name, subject.login()))
                : SubjectTokens.of(name, subject, profile, variables);
        token.ifPresent(this::secret);
        return token;
    }

    private String login(String name, LoginSpec login) {
        String username = variables.resolve(login.username() == null ? "" : login.username());
        String password = variables.resolve(login.password() == null ? "" : login.password());
        secret(password);
        String body;
        try {
            body = JSON.writeValueAsString(Map.of(login.usernameField(), username, login.passwordField(), password));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HttpExchange.Request request = new HttpExchange.Request(login.method(), service.resolve(variables.resolve(login.path())),
                Map.of("Content-Type", "application/json"), body, timeout);
        HttpExchange exchange;
        try {
            exchange = HttpExchange.send(request, secrets);
        } catch (Exception e) {
            throw new IllegalArgumentException("subject '" + name + "' could not log in: " + request.method() + " "
                    + login.path() + " did not answer: " + secrets.mask(String.valueOf(e)));
        }
        Optional<String> token = exchange.is2xx() ? JsonText.text(exchange.body(), login.tokenPath()) : Optional.empty();
        if (token.isEmpty()) {
            throw new IllegalArgumentException("subject '" + name + "' could not log in as " + username + ": "
                    + exchange.describe() + " answered " + secrets.mask(exchange.summary())
                    + (exchange.is2xx() ? "; no token at JSON path '" + login.tokenPath() + "' (set login.tokenPath)" : ""));
        }
        return token.get();
    }

    private synchronized void secret(String value) {
        secrets = secrets.and(value);
    }
}
