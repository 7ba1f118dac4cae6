package dev.tollgate.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.sun.net.httpserver.HttpServer;

import dev.tollgate.check.http.HttpExchange;
import dev.tollgate.check.sql.SqlCheck;
import dev.tollgate.system.SystemWait;

/**
 * What a step's tally counts as waiting on the system under test: the time a real server takes to
 * answer and a real database takes to run a statement, and none of the harness's own time around
 * them; waits side by side count once.
 */
class SystemWaitTest {

    @RegisterExtension
    static final EvidenceDatabase postgres = EvidenceDatabase.perClass();

    @Test
    void countsTheServersAnswerTimeButNotTheHarnessWorkAroundIt() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/slow", exchange -> {
            sleep(400);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            URI slow = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/slow");
            HttpExchange.get(slow);  // RestAssured's first use in a JVM is the harness's cost: keep it out of the figures
            SystemWait tally = new SystemWait();
            long started = System.nanoTime();
            int status = tally.bind(() -> {
                sleep(300);  // the harness's own work before the request
                return HttpExchange.get(slow).status();
            });
            long elapsed = (System.nanoTime() - started) / 1_000_000;
            assertEquals(204, status);
            long waited = tally.millis().get(SystemWait.HTTP);
            assertTrue(waited >= 400, "the server took 400 ms to answer; counted " + waited);
            assertTrue(waited <= elapsed - 300, "the 300 ms before the request are the harness's; counted " + waited
                    + " of " + elapsed);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void countsTheStatementsOfAnSqlCheckAsTheDatabases() throws Exception {
        EvidenceDatabase.Context database = postgres.create();
        SystemWait tally = new SystemWait();
        CheckResult result = tally.bind(() -> database.check(new SqlCheck(),
                Map.of("query", "select count(*) from pg_sleep(0.5)", "expect", 1)));
        assertTrue(result.passed(), result.message());
        long waited = tally.millis().get(SystemWait.SQL);
        assertTrue(waited >= 500, "pg_sleep(0.5) ran in the database; counted " + waited);
    }

    @Test
    void waitsSideBySideOnThreadsOfTheStepCountOnce() throws Exception {
        SystemWait tally = new SystemWait();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        long started = System.nanoTime();
        try {
            tally.bind(() -> {
                List<Future<Object>> waits = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    waits.add(pool.submit(SystemWait.propagate(() -> {
                        try (SystemWait.Interval waiting = SystemWait.waiting(SystemWait.HTTP)) {
                            sleep(300);
                        }
                        return null;
                    })));
                }
                for (Future<Object> wait : waits) {
                    wait.get();
                }
                return null;
            });
        } finally {
            pool.shutdownNow();
        }
        long elapsed = (System.nanoTime() - started) / 1_000_000;
        long waited = tally.millis().get(SystemWait.HTTP);
        assertTrue(waited >= 300 && waited <= elapsed, "four 300 ms waits side by side took " + elapsed
                + " ms of the step, counted " + waited);
    }

    @Test
    void recordsNothingOutsideAStep() throws Exception {
        try (SystemWait.Interval waiting = SystemWait.waiting(SystemWait.SQL)) {
            sleep(10);
        }
        SystemWait tally = new SystemWait();
        tally.bind(() -> null);
        assertEquals(Map.of(), tally.millis());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
