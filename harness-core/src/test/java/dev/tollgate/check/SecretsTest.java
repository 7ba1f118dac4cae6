package dev.tollgate.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void masksValuesOfVariablesNamedLikeSecrets() {
        Secrets secrets = Secrets.in(Map.of("DATABASE_PASSWORD", "pw-1", "API_TOKEN", "tok-2", "client_secret", "sec-3",
                "DATABASE_URL", "jdbc:postgresql://db/app"));
        assertEquals("**** **** **** jdbc:postgresql://db/app",
                secrets.mask("pw-1 tok-2 sec-3 jdbc:postgresql://db/app"));
    }

    @Test
    void ignoresEmptyValuesWhichWouldMaskNothing() {
        assertEquals("abc", Secrets.in(Map.of("DATABASE_PASSWORD", "")).and(" ").mask("abc"));
    }

    @Test
    void masksTheLongestSecretFirst() {
        assertEquals("x **** y", Secrets.none().and("abc").and("abcdef").mask("x abcdef y"));
    }

    @Test
    void knowsCredentialHeaders() {
        assertTrue(Secrets.isSecretHeader("authorization"));
        assertTrue(Secrets.isSecretHeader("Cookie"));
        assertTrue(Secrets.isSecretHeader("X-Auth-Token"));
        assertFalse(Secrets.isSecretHeader("X-Request-Id"));
        assertEquals("****", Secrets.headerValue("Set-Cookie", "session=1"));
        assertEquals("1", Secrets.headerValue("X-Request-Id", "1"));
    }
}
