package dev.tollgate.check;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apiguardian.api.API;

import dev.tollgate.runtime.RunningService;

/**
 * Values that must never reach a report: the service's secret-looking environment values, bearer
 * tokens a check sent, credential headers. Checks pass every message and every piece of evidence
 * through {@link #mask(String)} before they return it. Each call that adds a value returns a new
 * instance.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Secrets {

    /** What a masked value is shown as. */
    public static final String MASK = "****";

    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
            "set-cookie");
    private static final String[] SECRET_NAME_PARTS = {"PASSWORD", "SECRET", "TOKEN"};

    private final Set<String> values;

    private Secrets(Set<String> values) {
        this.values = Set.copyOf(values);
    }

    public static Secrets none() {
        return new Secrets(Set.of());
    }

    /** The values of the variables whose names contain PASSWORD, SECRET or TOKEN. */
    public static Secrets in(Map<String, String> environment) {
        Set<String> secret = new LinkedHashSet<>();
        environment.forEach((name, value) -> {
            if (isSecretName(name) && value != null && !value.isEmpty()) {
                secret.add(value);
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
        Set<String> more = new LinkedHashSet<>(values);
        more.add(value);
        return new Secrets(more);
    }

    public Secrets and(Secrets other) {
        Set<String> more = new LinkedHashSet<>(values);
        more.addAll(other.values);
        return new Secrets(more);
    }

    /** {@code text} with every secret value replaced by {@value #MASK}. */
    public String mask(String text) {
        if (text == null || values.isEmpty()) {
            return text;
        }
        String masked = text;
        // Longest first, so a secret that contains another is not left half-shown.
        for (String value : values.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            masked = masked.replace(value, MASK);
        }
        return masked;
    }

    /** Whether an environment variable's name says it holds a secret. */
    public static boolean isSecretName(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        for (String part : SECRET_NAME_PARTS) {
            if (upper.contains(part)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an HTTP header carries credentials: Authorization, Cookie, or a name that says token/secret/password. */
    public static boolean isSecretHeader(String name) {
        return SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT)) || isSecretName(name.replace('-', '_'));
    }

    /** A header's value as a report may show it. */
    public static String headerValue(String name, String value) {
        return isSecretHeader(name) ? MASK : value;
    }
}
