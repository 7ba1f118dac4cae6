package dev.tollgate.check.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.sun.net.httpserver.HttpServer;

import dev.tollgate.check.Secrets;

/** Exchanges with a real loopback server that echoes what it got, and one that never answers in time. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpExchangeTest {

    private HttpServer server;
    private URI base;

    @BeforeAll
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/echo", exchange -> {
            byte[] body = ("{\"method\":\"" + exchange.getRequestMethod() + "\",\"got\":"
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8) + ",\"token\":\""
                    + exchange.getRequestHeaders().getFirst("Authorization") + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.getResponseHeaders().add("Set-Cookie", "session=s-123");
            exchange.sendResponseHeaders(202, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        base = URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    @AfterAll
    void stop() {
        server.stop(0);
    }

    @Test
    void sendsAnyMethodWithHeadersAndBodyAndShowsItAllMasked() {
        HttpExchange exchange = HttpExchange.send(new HttpExchange.Request("put", base.resolve("/echo?x=1"),
                Map.of("Authorization", "Bearer t0ken-xyz", "Content-Type", "application/json"), "{\"a\":\"db-pw\"}",
                Duration.ofSeconds(5)), Secrets.none().and("db-pw"));

        assertEquals(202, exchange.status());
        assertTrue(exchange.body().contains("\"token\":\"Bearer t0ken-xyz\""), "assertions see what came back");
        assertEquals("session=s-123", exchange.header("set-cookie").orElseThrow());
        assertEquals("PUT /echo?x=1", exchange.describe());

        String shown = exchange.evidence().content() + exchange.summary();
        assertFalse(shown.contains("t0ken-xyz"), shown);
        assertFalse(shown.contains("db-pw"), shown);
        assertFalse(shown.contains("s-123"), shown);
        assertTrue(shown.startsWith("PUT " + base + "/echo?x=1\n"), shown);
        assertTrue(shown.contains("Authorization: ***\n"), shown);
        assertTrue(shown.contains("\nHTTP 202 ("), shown);
        assertTrue(shown.toLowerCase(java.util.Locale.ROOT).contains("set-cookie: ***\n"), shown);
        assertTrue(shown.contains("\"method\":\"PUT\""), shown);
        // The headers as they went on the wire, the client's own included.
        assertTrue(shown.contains("\nHost: " + base.getAuthority() + "\n"), shown);
        assertTrue(shown.contains("\nConnection: close\n"), shown);
    }

    @Test
    void givesUpAtItsTimeout() {
        long started = System.nanoTime();
        Exception e = assertThrows(HttpExchange.NoAnswer.class, () -> HttpExchange.send(new HttpExchange.Request("GET",
                base.resolve("/slow"), Map.of(), null, Duration.ofMillis(300)), Secrets.none()));
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 2500, "took too long: " + e);
        assertTrue(e.toString().contains("Timeout") || e.toString().contains("timed out"), e.toString());
    }

    /** A server that reads each request and hangs up without answering: the client must not resend. */
    @Test
    void sendsADeleteOnceEvenWhenTheConnectionBreaksAfterIt() throws Exception {
        java.util.concurrent.atomic.AtomicInteger received = new java.util.concurrent.atomic.AtomicInteger();
        try (java.net.ServerSocket hangUp = new java.net.ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!hangUp.isClosed()) {
                    try (java.net.Socket socket = hangUp.accept()) {
                        java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                                socket.getInputStream(), StandardCharsets.US_ASCII));
                        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                            // read the request head, then hang up
                        }
                        received.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "hang-up-server");
            acceptor.setDaemon(true);
            acceptor.start();
            URI uri = URI.create("http://127.0.0.1:" + hangUp.getLocalPort() + "/api/v1/missions/7");
            assertThrows(Exception.class, () -> HttpExchange.send(new HttpExchange.Request("DELETE", uri, Map.of(), null,
                    Duration.ofSeconds(5)), Secrets.none()));
            Thread.sleep(200);  // a resend would arrive right away
            assertEquals(1, received.get(), "the DELETE was sent " + received.get() + " times");
        }
    }
}
