package dev.tollgate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;

import org.junit.jupiter.api.Test;

import dev.tollgate.check.Secrets;
import dev.tollgate.runtime.SystemUnderTest;
import dev.tollgate.system.DatabaseEndpoint;

/**
 * A runtime's database password reaches commands it runs later (a compose one-off container's
 * {@code -e DATABASE_PASSWORD=…}, the message of a compose command that failed): once the runtime has
 * started, every writer masks it.
 */
class RuntimesTest {

    @Test
    void theDatabasePasswordOfAStartedRuntimeIsMaskedEverywhereFromThenOn() {
        String password = "Tg-" + Long.toHexString(System.nanoTime()) + "-made-up";
        String failed = "docker-compose run -d --no-deps -e DATABASE_PASSWORD=" + password + " app failed: exit 1";
        assertEquals(failed, Secrets.known().mask(failed), "masked before the runtime started: the test proves nothing");

        Runtimes.rememberCredentials(withDatabase(new DatabaseEndpoint("127.0.0.1", 5432, "app", "tollgate", password)));

        assertEquals("docker-compose run -d --no-deps -e DATABASE_PASSWORD=*** app failed: exit 1", Secrets.known().mask(failed));
    }

    @Test
    void aRuntimeWithoutADatabaseHasNoPasswordToRemember() {
        SystemUnderTest remoteWithoutDatabase = system((proxy, method, args) -> switch (method.getName()) {
            case "hasDatabase" -> false;
            default -> throw new AssertionError(method.getName() + " asked of a runtime that has no database");
        });

        Runtimes.rememberCredentials(remoteWithoutDatabase);
    }

    @Test
    void aDatabaseGivenWithoutAPasswordHasNoneToRemember() {
        // A remote target's database URL may carry no password (opened read-only): the run goes on.
        Runtimes.rememberCredentials(withDatabase(new DatabaseEndpoint("127.0.0.1", 5432, "app", "postgres", null)));
    }

    /** Only what remembering asks of a runtime: whether it has a database, and which. */
    private static SystemUnderTest withDatabase(DatabaseEndpoint database) {
        return system((proxy, method, args) -> switch (method.getName()) {
            case "hasDatabase" -> true;
            case "database" -> database;
            default -> throw new AssertionError(method.getName() + " is not for remembering credentials");
        });
    }

    private static SystemUnderTest system(InvocationHandler handler) {
        // The interface's own defaults run as written (credentials() asks hasDatabase() and database()).
        InvocationHandler defaults = (proxy, method, args) -> method.isDefault() && method.getName().equals("credentials")
                ? InvocationHandler.invokeDefault(proxy, method, args) : handler.invoke(proxy, method, args);
        return (SystemUnderTest) Proxy.newProxyInstance(RuntimesTest.class.getClassLoader(), new Class<?>[] {SystemUnderTest.class},
                defaults);
    }
}
