package dev.tollgate.runtime.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Which health checks Tollgate asks itself: a plain GET or {@code pg_isready}, with what a yes from
 * Tollgate implies for the command; never a check that asks more (a pipe, a second command, a
 * body test) or elsewhere (another host, another port).
 */
class HealthcheckEquivalentTest {

    @Test
    void theProfilesHealthChecksAreRecognised() {
        // As Docker keeps them after compose has replaced $$ by $ (profiles/quickstart and full).
        assertEquals(Optional.of(new HealthcheckEquivalent.PgIsReady()), HealthcheckEquivalent.of(List.of("CMD-SHELL",
                "pg_isready -h 127.0.0.1 -U \"$POSTGRES_USER\" -d \"$POSTGRES_DB\"")));
        assertEquals(Optional.of(new HealthcheckEquivalent.HttpGet(8080, "/health", true)), HealthcheckEquivalent.of(List.of(
                "CMD-SHELL", "curl -fsS -o /dev/null http://127.0.0.1:8080/health")));
        assertEquals(Optional.of(new HealthcheckEquivalent.HttpGet(8080, "/ready", true)), HealthcheckEquivalent.of(List.of(
                "CMD-SHELL", "curl -fsS -o /dev/null http://127.0.0.1:8080/ready")));
    }

    @Test
    void otherPlainFormsToo() {
        assertEquals(Optional.of(new HealthcheckEquivalent.HttpGet(80, "/q/health?full=1", false)),
                HealthcheckEquivalent.of(List.of("CMD", "/usr/bin/curl", "-s", "http://localhost/q/health?full=1")));
        assertEquals(Optional.of(new HealthcheckEquivalent.HttpGet(9000, "/", true)),
                HealthcheckEquivalent.of(List.of("CMD", "wget", "-q", "-O", "-", "http://127.0.0.1:9000")));
        assertEquals(Optional.of(new HealthcheckEquivalent.PgIsReady()),
                HealthcheckEquivalent.of(List.of("CMD", "pg_isready", "-q", "-p", "5432", "-t", "1")));
    }

    @Test
    void anErrorStatusFailsOnlyWhereTheCommandFailsOnIt() {
        HealthcheckEquivalent.HttpGet failing = new HealthcheckEquivalent.HttpGet(8080, "/health", true);
        assertTrue(failing.accepts(204));
        assertFalse(failing.accepts(503));
        assertTrue(new HealthcheckEquivalent.HttpGet(8080, "/health", false).accepts(503));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "curl -fsS http://127.0.0.1:8080/health | grep UP",
        "curl -f http://127.0.0.1:8080/health && test -f /tmp/ready",
        "curl -f http://127.0.0.1:8080/health || exit 1",
        "curl -f http://127.0.0.1:8080/health; true",
        "curl -f http://127.0.0.1:$(cat /port)/health",
        "curl -f http://127.0.0.1:$PORT/health",
        "curl -f -H 'Authorization: x' http://127.0.0.1:8080/health",
        "curl -f -o /tmp/out http://127.0.0.1:8080/health",
        "curl -f https://127.0.0.1:8443/health",
        "curl -f http://db:8080/health",
        "curl -f http://127.0.0.1:8080/health http://127.0.0.1:8080/ready",
        "curl -f http://127.0.0.1:8080/health > /dev/null",
        "wget -q -O /tmp/x http://127.0.0.1:8080/health",
        "pg_isready -p 5433",
        "pg_isready && psql -c 'select 1'",
        "psql -U app -c 'select 1'",
        "pg_isready -h 127.0.0.1 -U \"unclosed",
        "/healthcheck.sh",
    })
    void anythingElseIsDockersToJudge(String command) {
        assertEquals(Optional.empty(), HealthcheckEquivalent.of(List.of("CMD-SHELL", command)), command);
    }

    @Test
    void noCheckOrAnUnknownFormIsDockersToo() {
        assertEquals(Optional.empty(), HealthcheckEquivalent.of(List.of()));
        assertEquals(Optional.empty(), HealthcheckEquivalent.of(List.of("NONE")));
        assertEquals(Optional.empty(), HealthcheckEquivalent.of(List.of("CMD-SHELL")));
    }
}
