package dev.tollgate.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apiguardian.api.API;

/**
 * Who a request is sent as, declared once in a profile ({@code subjects:}) and named by
 * authorization matrices, by {@code http}'s (and so seed fixtures') and {@code version}'s
 * {@code as:}. A subject has at most one secret of its own and one way to present a credential:
 *
 * <pre>
 * subjects:
 *   admin:   { bearer: "${TOLLGATE_ADMIN_TOKEN}", generate: true }      # property or env; else random per run
 *   ops:     { tokenFile: /run/secrets/ops-key, header: { name: X-Api-Key } }
 *   vera:    { basic: { username: vera, password: "${env.VERA_PASSWORD}" } }
 *   web:     { login: { path: /login, form: true, username: wes, password: "${env.WES_PASSWORD}" }, cookie: SESSION }
 *   kc:      { oauth2: { tokenUrl: /realms/master/protocol/openid-connect/token, grant: password,
 *                        clientId: admin-cli, username: admin, password: "${env.KC_PASSWORD}" } }
 *   robot:   { oauth2: { tokenUrl: /oauth/token, grant: client_credentials, clientId: robot,
 *                        clientSecret: "${env.ROBOT_SECRET}", scope: "missions:read" } }
 *   viewer:  { login: { path: /api/v1/login, username: vera, password: "${env.VERA_PASSWORD}" } }
 *   anonymous: { anonymous: true }                                       # no credentials
 * </pre>
 *
 * The subject's own secret ({@code token}/{@code bearer}, {@code tokenFile}, {@code generate}) is
 * the password of {@code basic}, {@code login} and {@code oauth2} when they give none (the client
 * secret for {@code client_credentials}), so a harness-deployed service can be told a random one
 * per run. Credentials that come from the service (login, oauth2, cookie) are obtained when the
 * subject is first used, not at install.
 *
 * @param token     a bearer token, usually {@code ${VARIABLE}}; never written to reports
 * @param bearer    the same as {@code token} (the name says how it is sent)
 * @param tokenFile a file holding the token (trailing white space dropped)
 * @param login     a login flow that yields a token (or, with {@code cookie}, a session cookie)
 * @param anonymous sends no credentials
 * @param generate  when {@code token} is absent or names an unset variable, a random token for this run
 *                  (for services the harness deploys and tells its subjects, like the sample service)
 * @param name      the service's own name for the subject (audit rows, explain answers), if known
 * @param header    sends the token in this header, with this prefix, instead of {@code Authorization: Bearer}
 * @param basic     sends {@code Authorization: Basic} with this user name and password
 * @param cookie    the name of the session cookie the login answers with, sent back as {@code Cookie}
 * @param oauth2    an OAuth2 token endpoint (RFC 6749 password or client-credentials grant)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record SubjectSpec(String token, String bearer, String tokenFile, LoginSpec login, Boolean anonymous,
        Boolean generate, String name, HeaderSpec header, BasicSpec basic, String cookie, OAuth2Spec oauth2) {

    public SubjectSpec {
        anonymous = anonymous != null && anonymous;
        generate = generate != null && generate;
        if (bearer != null && token != null) {
            throw new IllegalArgumentException("a subject takes token or bearer (the same thing), not both");
        }
        token = token == null ? bearer : token;
        bearer = null;
        List<String> secrets = new ArrayList<>();
        if (token != null || generate) {
            secrets.add(generate && token == null ? "generate" : "token");
        }
        if (tokenFile != null) {
            secrets.add("tokenFile");
        }
        List<String> flows = new ArrayList<>();
        if (login != null) {
            flows.add("login");
        }
        if (oauth2 != null) {
            flows.add("oauth2");
        }
        if (basic != null) {
            flows.add("basic");
        }
        if (anonymous && (!secrets.isEmpty() || !flows.isEmpty() || header != null || cookie != null)) {
            throw new IllegalArgumentException("a subject takes one of token, tokenFile, login, oauth2, basic, anonymous; found "
                    + String.join(" and ", join(secrets, flows)) + " and anonymous (an anonymous subject sends no credentials)");
        }
        if (secrets.size() > 1) {
            throw new IllegalArgumentException("a subject takes one of token, tokenFile; found " + String.join(" and ", secrets));
        }
        if (flows.size() > 1) {
            throw new IllegalArgumentException("a subject takes one of login, oauth2, basic; found " + String.join(" and ", flows));
        }
        if (!anonymous && secrets.isEmpty() && flows.isEmpty()) {
            throw new IllegalArgumentException("a subject needs one of token (or bearer), tokenFile, login, oauth2, basic,"
                    + " anonymous: true (or generate: true)");
        }
        if (cookie != null && login == null) {
            throw new IllegalArgumentException("cookie: " + cookie + " names the session cookie a login answers with;"
                    + " add login: { path, username, password }");
        }
        if (cookie != null && header != null) {
            throw new IllegalArgumentException("a subject sends its session cookie or a header, not both; remove header or cookie");
        }
        if (basic != null && header != null) {
            throw new IllegalArgumentException("basic: sends Authorization: Basic; remove header");
        }
    }

    /** The earlier shape: token, tokenFile, login, anonymous, generate, name. */
    public SubjectSpec(String token, String tokenFile, LoginSpec login, Boolean anonymous, Boolean generate, String name) {
        this(token, null, tokenFile, login, anonymous, generate, name, null, null, null, null);
    }

    private static List<String> join(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    public static SubjectSpec ofToken(String token) {
        return new SubjectSpec(token, null, null, false, false, null);
    }

    public static SubjectSpec anonymousSubject() {
        return new SubjectSpec(null, null, null, true, false, null);
    }

    /** The same subject with a concrete token (a generated one, say). */
    public SubjectSpec withToken(String value) {
        return new SubjectSpec(value, null, null, login, anonymous, false, name, header, basic, cookie, oauth2);
    }

    /** Whether its credential comes from the service (login, token endpoint), so it may expire and be fetched again. */
    public boolean obtained() {
        return login != null || oauth2 != null;
    }

    /** How it presents itself, for messages: "bearer token", "X-Api-Key header", "basic", "oauth2 password grant", … */
    public String kind() {
        if (anonymous) {
            return "anonymous";
        }
        if (basic != null) {
            return "basic";
        }
        String source = oauth2 != null ? "oauth2 " + oauth2.grant() + " grant" : login != null ? "login" : "token";
        if (cookie != null) {
            return "session cookie " + cookie + " from login";
        }
        return header != null ? source + " in header " + header.name() : source + " as bearer";
    }

    /** Never shows a token or a password: profiles end up in messages. */
    @Override
    public String toString() {
        return "SubjectSpec[" + (anonymous ? "anonymous" : login != null ? "login " + login.path() + " as " + login.username()
                : oauth2 != null ? "oauth2 " + oauth2.grant() + " at " + oauth2.tokenUrl()
                : basic != null ? "basic as " + basic.username()
                : tokenFile != null ? "tokenFile " + tokenFile : "token ***")
                + (header != null ? ", header " + header.name() : "") + (cookie != null ? ", cookie " + cookie : "")
                + (name == null ? "" : ", name " + name) + "]";
    }

    public boolean isAnonymous() {
        return anonymous;
    }

    /**
     * A login flow: {@code method path} with the user name and password (as JSON, or form-encoded
     * with {@code form: true}) and any extra fields, and the token read from the answer.
     *
     * @param path          the login endpoint
     * @param method        default POST
     * @param username      user name (may be a variable)
     * @param password      password (usually a variable); the subject's own secret when absent; never written to reports
     * @param usernameField field the user name is sent in; default {@code username}
     * @param passwordField field the password is sent in; default {@code password}
     * @param tokenPath     JSON path of the token in the answer, like {@code data.session.token}; default {@code token}
     * @param form          sends {@code application/x-www-form-urlencoded} instead of JSON
     * @param fields        more fields to send (like {@code grant_type: password}, {@code tenant: acme})
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public record LoginSpec(String path, String method, String username, String password, String usernameField,
            String passwordField, String tokenPath, Boolean form, Map<String, String> fields) {

        public LoginSpec {
            if (path == null || path.isBlank()) {
                throw new IllegalArgumentException("login needs a path, like /api/v1/login");
            }
            method = method == null ? "POST" : method;
            usernameField = usernameField == null ? "username" : usernameField;
            passwordField = passwordField == null ? "password" : passwordField;
            tokenPath = tokenPath == null ? "token" : tokenPath;
            form = form != null && form;
            fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        /** The earlier shape, JSON only. */
        public LoginSpec(String path, String method, String username, String password, String usernameField,
                String passwordField, String tokenPath) {
            this(path, method, username, password, usernameField, passwordField, tokenPath, null, null);
        }

        @Override
        public String toString() {
            return "LoginSpec[" + method + " " + path + " as " + username + (form ? ", form" : "") + "]";
        }
    }

    /**
     * Sends the subject's token in a header of the service's choosing.
     *
     * @param name   the header, like {@code X-Api-Key}; default {@code Authorization}
     * @param prefix what goes before the token, like {@code "Token "}; default {@code "Bearer "} for
     *               Authorization, nothing for any other header
     */
    @API(status = EXPERIMENTAL, since = "0.2")
    public record HeaderSpec(String name, String prefix) {

        public HeaderSpec {
            name = name == null || name.isBlank() ? "Authorization" : name.strip();
            prefix = prefix != null ? prefix : name.equalsIgnoreCase("Authorization") ? "Bearer " : "";
        }
    }

    /**
     * HTTP Basic authentication (RFC 7617).
     *
     * @param username the user name (may be a variable)
     * @param password the password; the subject's own secret when absent
     */
    @API(status = EXPERIMENTAL, since = "0.2")
    public record BasicSpec(String username, String password) {

        public BasicSpec {
            if (username == null || username.isBlank()) {
                throw new IllegalArgumentException("basic needs a username");
            }
        }

        @Override
        public String toString() {
            return "BasicSpec[" + username + "]";
        }
    }

    /**
     * An OAuth2 token endpoint, asked form-encoded as RFC 6749 says (sections 4.3 and 4.4); the
     * access token is cached until {@code expires_in} says it expires, or a 401 says it has.
     *
     * @param tokenUrl     the token endpoint: a path on the service, or a full URL
     * @param grant        {@code password} or {@code client_credentials}
     * @param clientId     the client id
     * @param clientSecret the client secret, if the client has one (for {@code client_credentials}, the
     *                     subject's own secret when absent)
     * @param username     for the password grant
     * @param password     for the password grant; the subject's own secret when absent
     * @param scope        the scope to ask for, if any
     */
    @API(status = EXPERIMENTAL, since = "0.2")
    public record OAuth2Spec(String tokenUrl, String grant, String clientId, String clientSecret, String username,
            String password, String scope) {

        public OAuth2Spec {
            if (tokenUrl == null || tokenUrl.isBlank()) {
                throw new IllegalArgumentException("oauth2 needs a tokenUrl, like /realms/master/protocol/openid-connect/token");
            }
            grant = grant == null ? "password" : grant.strip().toLowerCase(Locale.ROOT).replace('-', '_');
            if (!grant.equals("password") && !grant.equals("client_credentials")) {
                throw new IllegalArgumentException("oauth2 grant must be password or client_credentials, not '" + grant + "'");
            }
            if (clientId == null || clientId.isBlank()) {
                throw new IllegalArgumentException("oauth2 needs a clientId");
            }
            if (grant.equals("password") && (username == null || username.isBlank())) {
                throw new IllegalArgumentException("oauth2 grant: password needs a username");
            }
        }

        @Override
        public String toString() {
            return "OAuth2Spec[" + grant + " at " + tokenUrl + " as " + (username == null ? clientId : username) + "]";
        }
    }
}
