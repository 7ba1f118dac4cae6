package dev.tollgate.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.List;

import org.apiguardian.api.API;

/**
 * Who a request is sent as, declared once in a profile ({@code subjects:}) and named by
 * authorization matrices and by {@code http}'s {@code as:}. Exactly one way to get credentials:
 *
 * <pre>
 * subjects:
 *   admin:     { token: "${TOLLGATE_ADMIN_TOKEN}", generate: true }  # property or env; else random per run
 *   ops:       { tokenFile: /run/secrets/ops-token }                # a secret file, read when used
 *   viewer:    { login: { path: /api/v1/login, username: vera, password: "${env.VERA_PASSWORD}" } }
 *   anonymous: { anonymous: true }                                  # no Authorization header
 * </pre>
 *
 * @param token     a bearer token, usually {@code ${VARIABLE}}; never written to reports
 * @param tokenFile a file holding the bearer token (trailing white space dropped)
 * @param login     a login flow that yields a token
 * @param anonymous sends no credentials
 * @param generate  when {@code token} is absent or names an unset variable, a random token for this run
 *                  (for services the harness deploys and tells its subjects, like the sample service)
 * @param name      the service's own name for the subject (audit rows, explain answers), if known
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record SubjectSpec(String token, String tokenFile, LoginSpec login, Boolean anonymous, Boolean generate,
        String name) {

    public SubjectSpec {
        anonymous = anonymous != null && anonymous;
        generate = generate != null && generate;
        List<String> ways = new ArrayList<>();
        if (token != null || generate) {
            ways.add(generate && token == null ? "generate" : "token");
        }
        if (tokenFile != null) {
            ways.add("tokenFile");
        }
        if (login != null) {
            ways.add("login");
        }
        if (anonymous) {
            ways.add("anonymous");
        }
        if (ways.size() != 1) {
            throw new IllegalArgumentException(ways.isEmpty()
                    ? "a subject needs one of token, tokenFile, login, anonymous: true (or generate: true)"
                    : "a subject takes one of token, tokenFile, login, anonymous; found " + String.join(" and ", ways));
        }
    }

    public static SubjectSpec ofToken(String token) {
        return new SubjectSpec(token, null, null, false, false, null);
    }

    public static SubjectSpec anonymousSubject() {
        return new SubjectSpec(null, null, null, true, false, null);
    }

    /** The same subject with a concrete token (a generated one, say). */
    public SubjectSpec withToken(String value) {
        return new SubjectSpec(value, null, null, false, false, name);
    }

    /** Never shows a token or a password: profiles end up in messages. */
    @Override
    public String toString() {
        return "SubjectSpec[" + (anonymous ? "anonymous" : login != null ? "login " + login.path() + " as " + login.username()
                : tokenFile != null ? "tokenFile " + tokenFile : "token ****") + (name == null ? "" : ", name " + name) + "]";
    }

    public boolean isAnonymous() {
        return anonymous;
    }

    /**
     * A login flow: {@code method path} with the user name and password as JSON, and the token read
     * from the answer.
     *
     * @param path          the login endpoint
     * @param method        default POST
     * @param username      user name (may be a variable)
     * @param password      password (usually a variable); never written to reports
     * @param usernameField JSON field the user name is sent in; default {@code username}
     * @param passwordField JSON field the password is sent in; default {@code password}
     * @param tokenPath     JSON path of the token in the answer; default {@code token}
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public record LoginSpec(String path, String method, String username, String password, String usernameField,
            String passwordField, String tokenPath) {

        public LoginSpec {
            if (path == null || path.isBlank()) {
                throw new IllegalArgumentException("login needs a path, like /api/v1/login");
            }
            method = method == null ? "POST" : method;
            usernameField = usernameField == null ? "username" : usernameField;
            passwordField = passwordField == null ? "password" : passwordField;
            tokenPath = tokenPath == null ? "token" : tokenPath;
        }

        @Override
        public String toString() {
            return "LoginSpec[" + method + " " + path + " as " + username + "]";
        }
    }
}
