package dev.tollgate.check;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apiguardian.api.API;

import dev.tollgate.system.RunningService;

/**
 * The one place that decides what of a text may be shown. Every writer of the harness (Allure
 * attachments and steps, JUnit failure messages, {@code run.json}, the console, Tollgate's own log
 * lines, the release-readiness files) passes its text through {@link #mask(String)}, which hides:
 * <ul>
 * <li>every credential value the run has learnt, whoever learnt it: subject tokens and passwords,
 *     tokens a login or token endpoint answered with, values of secret-marked {@code ${env.*}},
 *     values an {@code http} check captured with {@code secret: true}, the service's secret-looking
 *     environment. A value learnt anywhere is {@linkplain #remember(String) remembered for the
 *     JVM} and masked by every instance, so a token learnt by the authz matrix is hidden in a later
 *     log attachment too;</li>
 * <li>the values of credential headers ({@code Name: value} lines), by name;</li>
 * <li>the values of credential fields in JSON ({@code "password": "…"}) and form or query text
 *     ({@code password=…}), by name. The values so found are remembered as well.</li>
 * </ul>
 * Header and field names beyond the defaults come from the profile's {@code secrets:} section
 * ({@link #configure}). Each call that adds a value returns a new instance.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Secrets {

    /** What a masked value is shown as. */
    public static final String MASK = "***";

    /** Header names masked whatever their value. */
    public static final Set<String> DEFAULT_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
            "set-cookie", "x-api-key");
    /** Parts of a header or variable name that say it holds a secret. */
    public static final List<String> DEFAULT_NAME_PARTS = List.of("TOKEN", "SECRET", "PASSWORD", "API-KEY", "API_KEY",
            "APIKEY");
    /** JSON and form field names whose values are masked. */
    public static final Set<String> DEFAULT_FIELDS = Set.of("password", "access_token", "refresh_token", "id_token",
            "client_secret", "token");

    /** Values shorter than this are not remembered for the whole run: masking "1" everywhere would hide the report. */
    private static final int SHORTEST_REMEMBERED = 4;
    private static final int SHORTEST_SESSION = 8;
    private static final Set<String> REMEMBERED = ConcurrentHashMap.newKeySet();
    private static volatile Set<String> extraHeaders = Set.of();
    private static volatile Set<String> fields = DEFAULT_FIELDS;
    private static volatile Pattern fieldPatterns = fieldPattern(DEFAULT_FIELDS);
    private static volatile Pattern formPatterns = formPattern(DEFAULT_FIELDS);
    private static final Pattern HEADER_LINE = Pattern.compile("(?m)^([A-Za-z][A-Za-z0-9_-]{0,80}):[ \\t]*(\\S[^\\r\\n]*)$");

    private static final Pattern SCHEME = Pattern.compile("(?i)(?:bearer|basic|token|digest|apikey|negotiate)\\s+(\\S+)");
    private static final Set<String> COOKIE_ATTRIBUTES = Set.of("path", "domain", "expires", "max-age", "samesite");

    private final Set<String> values;

    private Secrets(Set<String> values) {
        this.values = Set.copyOf(values);
    }

    public static Secrets none() {
        return new Secrets(Set.of());
    }

    /** Masks what the run knows so far: what every writer uses. */
    public static Secrets known() {
        return new Secrets(Set.of());
    }

    /** Remembers a credential value for the rest of the JVM's life, so every writer masks it. */
    public static void remember(String value) {
        if (value != null && value.strip().length() >= SHORTEST_REMEMBERED) {
            REMEMBERED.add(value);
            REMEMBERED.add(value.strip());
        }
    }

    /**
     * Adds header names ({@code secrets.headers}) and JSON/form field names ({@code secrets.fields})
     * to the defaults, for every writer of the run. INTERNAL: the engine sets it from the profile once
     * per run; a plug-in that changed it would change masking for everyone.
     */
    @API(status = INTERNAL, since = "0.1")
    public static synchronized void configure(Collection<String> headers, Collection<String> moreFields) {
        Set<String> names = new LinkedHashSet<>(extraHeaders);
        headers.forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
        extraHeaders = Set.copyOf(names);
        Set<String> all = new LinkedHashSet<>(fields);
        moreFields.forEach(name -> all.add(name.toLowerCase(Locale.ROOT)));
        fields = Set.copyOf(all);
        fieldPatterns = fieldPattern(fields);
        formPatterns = formPattern(fields);
    }

    /** The values of the variables whose names contain PASSWORD, SECRET or TOKEN. */
    public static Secrets in(Map<String, String> environment) {
        Set<String> secret = new LinkedHashSet<>();
        environment.forEach((name, value) -> {
            if (isSecretName(name) && value != null && !value.isEmpty()) {
                secret.add(value);
                remember(value);
            }
        });
        return new Secrets(secret);
    }

    /** The secrets of the release that is up, if any. */
    public static Secrets of(Optional<RunningService> service) {
        return service.map(running -> in(running.environment())).orElseGet(Secrets::none);
    }

    /** Also masks {@code value}; blank values are ignored, since masking them would hide nothing. */
    public Secrets and(String value) {
        if (value == null || value.isBlank()) {
            return this;
        }
        remember(value);
        Set<String> more = new LinkedHashSet<>(values);
        more.add(value);
        return new Secrets(more);
    }

    public Secrets and(Secrets other) {
        Set<String> more = new LinkedHashSet<>(values);
        more.addAll(other.values);
        return new Secrets(more);
    }

    /**
     * {@code text} with every secret value, every credential header's value and every credential
     * field's value replaced by {@value #MASK}.
     */
    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = byName(text);
        Set<String> all = new LinkedHashSet<>(values);
        all.addAll(REMEMBERED);
        if (all.isEmpty()) {
            return masked;
        }
        // Longest first, so a secret that contains another is not left half-shown.
        for (String value : all.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            if (masked.contains(value)) {
                masked = masked.replace(value, MASK);
            }
        }
        return masked;
    }

    /** Credential headers, JSON fields and form fields, found by name; their values are remembered too. */
    private static String byName(String text) {
        String masked = text;
        if (mayNameField(text)) {
            masked = replaceValues(fieldPatterns, masked);
            masked = replaceValues(formPatterns, masked);
        }
        Matcher header = HEADER_LINE.matcher(masked);
        StringBuilder out = new StringBuilder();
        boolean changed = false;
        while (header.find()) {
            if (isSecretHeader(header.group(1)) && !header.group(2).equals(MASK)) {
                rememberCredential(header.group(2));
                header.appendReplacement(out, Matcher.quoteReplacement(header.group(1) + ": " + MASK));
                changed = true;
            }
        }
        if (!changed) {
            return masked;
        }
        header.appendTail(out);
        return out.toString();
    }

    /**
     * Remembers a credential header's value, and the part a service may echo alone: the token of
     * "Bearer …" or "Basic …", the value of each "name=value" cookie.
     */
    public static void rememberCredential(String value) {
        if (value == null) {
            return;
        }
        remember(value);
        Matcher scheme = SCHEME.matcher(value.strip());
        if (scheme.matches()) {
            remember(scheme.group(1));
        }
        for (String part : value.split(";")) {
            int equals = part.indexOf('=');
            String cookie = part.substring(equals + 1).strip();
            // A session id is long; "theme=dark" is not a credential, and masking "dark" everywhere would hide the report.
            if (equals > 0 && cookie.length() >= SHORTEST_SESSION
                    && !COOKIE_ATTRIBUTES.contains(part.substring(0, equals).strip().toLowerCase(Locale.ROOT))) {
                remember(cookie);
            }
        }
    }

    /**
     * Whether a credential field's name occurs in {@code text}, in any case: the field and form
     * patterns can match nowhere else. Most texts masked (service logs, responses) name none, and
     * trying the patterns' case-blind alternatives at every character cost more than the rest of
     * the masking together; a search of the lower-cased text for each name costs a fraction of it.
     */
    private static boolean mayNameField(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String name : fields) {
            if (lower.contains(name)) {
                return true;
            }
        }
        return false;
    }

    private static String replaceValues(Pattern pattern, String text) {
        int group = 2;
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        boolean changed = false;
        while (matcher.find()) {
            String value = matcher.group(group);
            if (value.isEmpty() || value.equals(MASK)) {
                continue;
            }
            remember(value);
            String whole = matcher.group();
            int start = matcher.start(group) - matcher.start();
            matcher.appendReplacement(out, Matcher.quoteReplacement(whole.substring(0, start) + MASK
                    + whole.substring(start + value.length())));
            changed = true;
        }
        if (!changed) {
            return text;
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static Pattern fieldPattern(Set<String> names) {
        return Pattern.compile("(?i)\"(" + alternatives(names) + ")\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    }

    private static Pattern formPattern(Set<String> names) {
        return Pattern.compile("(?i)(?<=^|[?&\\s;,])(" + alternatives(names) + ")=([^&\\s\"',;]*)");
    }

    private static String alternatives(Set<String> names) {
        return names.stream().sorted().map(Pattern::quote).collect(Collectors.joining("|"));
    }

    /** Whether an environment variable's name says it holds a secret. */
    public static boolean isSecretName(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        for (String part : DEFAULT_NAME_PARTS) {
            if (upper.contains(part)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether an HTTP header carries credentials: Authorization, Proxy-Authorization, Cookie,
     * Set-Cookie, X-Api-Key, a name that says token/secret/password/api-key, or one the profile names.
     */
    public static boolean isSecretHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return DEFAULT_HEADERS.contains(lower) || extraHeaders.contains(lower) || isSecretName(name);
    }

    /** A header's value as a report may show it. */
    public static String headerValue(String name, String value) {
        if (isSecretHeader(name)) {
            rememberCredential(value);
            return MASK;
        }
        return value;
    }
}
