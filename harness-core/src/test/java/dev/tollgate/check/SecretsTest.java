package dev.tollgate.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void masksValuesOfVariablesNamedLikeSecrets() {
        Secrets secrets = Secrets.in(Map.of("DATABASE_PASSWORD", "pw-1", "API_TOKEN", "tok-2", "client_secret", "sec-3",
                "DATABASE_URL", "jdbc:postgresql://db/app"));
        assertEquals("*** *** *** jdbc:postgresql://db/app",
                secrets.mask("pw-1 tok-2 sec-3 jdbc:postgresql://db/app"));
    }

    @Test
    void ignoresEmptyValuesWhichWouldMaskNothing() {
        assertEquals("abc", Secrets.in(Map.of("DATABASE_PASSWORD", "")).and(" ").mask("abc"));
    }

    @Test
    void masksTheLongestSecretFirst() {
        assertEquals("x *** y", Secrets.none().and("abc").and("abcdef").mask("x abcdef y"));
    }

    @Test
    void knowsCredentialHeaders() {
        assertTrue(Secrets.isSecretHeader("authorization"));
        assertTrue(Secrets.isSecretHeader("Cookie"));
        assertTrue(Secrets.isSecretHeader("X-Auth-Token"));
        assertFalse(Secrets.isSecretHeader("X-Request-Id"));
        assertEquals("***", Secrets.headerValue("Set-Cookie", "session=1"));
        assertEquals("1", Secrets.headerValue("X-Request-Id", "1"));
    }

    @Test
    void masksCredentialHeadersByNameInAnyText() {
        String shown = Secrets.none().mask("GET /x\nX-Api-Key: key-123456\nX-Request-Id: r-1\nProxy-Authorization: Basic dXNlcjpwdw==\n"
                + "X-Custom-Token: ct-9999\n");
        assertEquals("GET /x\nX-Api-Key: ***\nX-Request-Id: r-1\nProxy-Authorization: ***\nX-Custom-Token: ***\n", shown);
        // learnt by name, masked by value from then on, in any writer's text
        assertEquals("echo *** and ***", Secrets.known().mask("echo key-123456 and dXNlcjpwdw=="));
    }

    @Test
    void masksCredentialFieldsOfJsonAndFormBodies() {
        assertEquals("{\"access_token\":\"***\",\"token_type\":\"Bearer\",\"refresh_token\" : \"***\",\"expires_in\":300}",
                Secrets.none().mask("{\"access_token\":\"at-abc.def\",\"token_type\":\"Bearer\",\"refresh_token\" : \"rt-\\\"q\",\"expires_in\":300}"));
        assertEquals("grant_type=password&username=vera&password=***&client_secret=***",
                Secrets.none().mask("grant_type=password&username=vera&password=pw%21long&client_secret=cs-7777"));
        assertEquals("POST /token?token=***", Secrets.none().mask("POST /token?token=qt-4444"));
        assertEquals("at-abc.def elsewhere: ***", "at-abc.def elsewhere: " + Secrets.known().mask("at-abc.def"));
    }

    @Test
    void credentialFieldsAreFoundInAnyCaseAndTextsNamingNoneAreLeftAlone() {
        // A text is searched for the names first (lower-cased): a name in capitals must still be found.
        assertEquals("{\"Password\":\"***\"} ACCESS_TOKEN=***", Secrets.none().mask("{\"Password\":\"Pw-31415\"} ACCESS_TOKEN=at-27182"));
        String log = "2026-01-01T00:00:00Z INFO started in 1.2 s\nready: GET /ready 200\n";
        assertSame(log, Secrets.none().mask(log));
    }

    @Test
    void profileNamedHeadersAndFieldsAreMaskedToo() {
        Secrets.configure(List.of("X-Tenant-Key"), List.of("pin"));
        assertTrue(Secrets.isSecretHeader("x-tenant-key"));
        assertEquals("X-Tenant-Key: ***\n{\"pin\":\"***\"}", Secrets.none().mask("X-Tenant-Key: tk-31415\n{\"pin\":\"8642\"}"));
    }

    @Test
    void rememberedValuesAreMaskedByEveryInstanceButShortOnesAreNot() {
        Secrets.remember("remembered-value-1");
        Secrets.remember("ab");
        assertEquals("*** ab", Secrets.none().mask("remembered-value-1 ab"));
        assertTrue(Secrets.isSecretHeader("X-Api-Key") && Secrets.isSecretHeader("My-Api-Key"));
    }
}
