package dev.tollgate.check.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tollgate.check.CheckResult;
import dev.tollgate.check.ServiceContext;
import dev.tollgate.check.Status;

/** The {@code env} check on the environment a release was started with. */
class EnvCheckTest {

    private static final String REAL_SECRET = "k9Vq2xLr7T0pZc4wYh8NbE1s";

    private final EnvCheck env = new EnvCheck();

    @Test
    void passesWhenEverythingIsSetAndSecretsAreReal() {
        CheckResult result = check(Map.of("DATABASE_URL", "jdbc:postgresql://db/app", "SECRET_KEY_BASE", REAL_SECRET,
                "EP_ADMIN_EMAILS", "ops@example.org"), Map.of("required", List.of("DATABASE_URL"),
                "anyOf", List.of(List.of("EP_ADMIN_SUBJECTS", "EP_ADMIN_EMAILS")), "secrets", List.of("SECRET_KEY_BASE"),
                "minLength", 16));
        assertEquals(Status.PASSED, result.status(), result.message());
        assertFalse(ServiceContext.shown(result).contains(REAL_SECRET));
    }

    @Test
    void namesEveryMissingVariableAndPlaceholderWithoutShowingValues() {
        CheckResult result = check(Map.of("DATABASE_URL", " ", "SECRET_KEY_BASE", "changeme", "SMTP_PASSWORD", "<smtp password>",
                "API_TOKEN", "qz7"), Map.of("required", List.of("DATABASE_URL", "PHX_HOST"),
                "anyOf", List.of(List.of("EP_ADMIN_SUBJECTS", "EP_ADMIN_EMAILS")),
                "secrets", List.of("SECRET_KEY_BASE", "SMTP_PASSWORD", "API_TOKEN"), "minLength", 12));
        assertEquals(Status.FAILED, result.status(), result.message());
        for (String problem : List.of("DATABASE_URL is blank", "PHX_HOST is not set",
                "none of EP_ADMIN_SUBJECTS, EP_ADMIN_EMAILS is set", "SECRET_KEY_BASE is a placeholder",
                "SMTP_PASSWORD is a placeholder", "API_TOKEN is shorter than 12 characters")) {
            assertTrue(result.message().contains(problem), problem + " in: " + result.message());
        }
        assertFalse(result.message().contains("changeme") || result.message().contains("smtp password")
                || result.message().contains("qz7"), result.message());
    }

    @Test
    void extraPlaceholderPatternsAddToTheDefaults() {
        CheckResult result = check(Map.of("SAMPLE_TOKEN", "dev-admin-token"),
                Map.of("secrets", List.of("SAMPLE_TOKEN"), "placeholders", List.of("(?i)dev-.*")));
        assertEquals(Status.FAILED, result.status(), result.message());
        assertTrue(result.message().contains("SAMPLE_TOKEN is a placeholder ((?i)dev-.*)"), result.message());
    }

    private CheckResult check(Map<String, String> environment, Map<String, Object> settings) {
        return new ServiceContext(URI.create("http://127.0.0.1:1/"), environment).check(env, settings);
    }
}
