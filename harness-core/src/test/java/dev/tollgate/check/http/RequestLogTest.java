package dev.tollgate.check.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import dev.tollgate.check.Secrets;

/** A 500 from a real loopback server, explained from a log that names its request id. */
class RequestLogTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private volatile String received;
    private URI base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/body-id", exchange -> answer(exchange, 500, "{\"error\":\"database error\",\"requestId\":\"req-0042\"}"));
        server.createContext("/header-id", exchange -> {
            exchange.getResponseHeaders().add("X-Request-Id", "req-0043");
            answer(exchange, 503, "unavailable");
        });
        server.createContext("/silent", exchange -> {
            received = exchange.getRequestHeaders().getFirst("x-correlation-id");
            answer(exchange, 500, "internal error");
        });
        server.createContext("/fine", exchange -> answer(exchange, 404, "{\"requestId\":\"req-0042\"}"));
        server.start();
        base = URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void findsTheServiceLogLineOfA500ByTheRequestIdInTheBodyOrAHeader() throws IOException {
        Path log = Files.writeString(dir.resolve("service.log"), """
                2026-11-23T22:15:13.568Z [http-4] INFO Router - GET /api/v1/missions requestId=req-0041 200
                2026-11-23T22:15:13.568Z [http-4] ERROR Router - GET /api/v1/missions failed requestId=req-0042: SQL error 42703: ERROR: column "name" does not exist
                2026-11-23T22:15:13.573Z [http-4] INFO Router - GET /api/v1/missions 500 18ms requestId=req-0042
                2026-11-23T22:15:14.001Z [http-5] WARN Pool - connection lost, exception=timeout requestId=req-0043
                """);

        assertEquals("; the service logged: ERROR Router - GET /api/v1/missions failed requestId=req-0042: SQL error 42703:"
                + " ERROR: column \"name\" does not exist", RequestLog.explain(send("/body-id"), Optional.of(log)));
        assertEquals("; the service logged: WARN Pool - connection lost, exception=timeout requestId=req-0043",
                RequestLog.explain(send("/header-id"), Optional.of(log)));
        assertEquals("", RequestLog.explain(send("/fine"), Optional.of(log)), "only a 5xx is explained");
        assertEquals("", RequestLog.explain(send("/body-id"), Optional.of(dir.resolve("missing.log"))));
    }

    @Test
    void aServiceCorrelatingByAnotherHeaderIsExplainedByTheIdTollgateSentInIt() throws IOException {
        HttpExchange.correlateBy("x-correlation-id");
        try {
            HttpExchange exchange = send("/silent");
            assertEquals(exchange.requestId().orElseThrow(), received, "every request carries an id in the profile's header");
            Path log = Files.writeString(dir.resolve("service.log"), "2026-11-23T22:15:13.568Z [http-4] ERROR Api - boom"
                    + " correlation=" + received + ": NullPointerException\n");
            assertEquals("; the service logged: ERROR Api - boom correlation=" + received + ": NullPointerException",
                    RequestLog.explain(exchange, Optional.of(log)));
        } finally {
            HttpExchange.correlateBy("X-Request-Id");
        }
    }

    private HttpExchange send(String path) {
        return HttpExchange.send(HttpExchange.Request.get(base.resolve(path)), Secrets.none());
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
