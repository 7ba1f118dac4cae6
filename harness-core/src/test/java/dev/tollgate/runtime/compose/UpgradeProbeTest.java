package dev.tollgate.runtime.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.tollgate.model.ComposeSpec;

/** The upgrade probe counts what users would have seen: failed requests and the longest time without an answer. */
class UpgradeProbeTest {

    private static final ComposeSpec.Probe PROBE = new ComposeSpec.Probe("/ping", "secret-token", Duration.ofMillis(20));

    @Test
    void reportsNothingWhenTheServiceAnswersThroughout() throws Exception {
        HttpServer server = server(0, 200);
        try {
            UpgradeProbe probe = UpgradeProbe.start(base(server), PROBE);
            Thread.sleep(400);
            UpgradeProbe.Figures figures = probe.stop();
            assertTrue(figures.requests() > 5, figures.summary());
            assertEquals(0, figures.failed(), figures.summary());
            assertEquals(0, figures.longestUnavailableMillis(), figures.summary());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void measuresTheOutageWhenTheServiceIsGoneAndErrorsWhenItFails() throws Exception {
        HttpServer server = server(0, 200);
        int port = server.getAddress().getPort();
        UpgradeProbe probe = UpgradeProbe.start(base(server), PROBE);
        Thread.sleep(200);
        server.stop(0);
        Thread.sleep(600);
        HttpServer failing = server(port, 503);
        Thread.sleep(200);
        failing.stop(0);
        HttpServer back = server(port, 200);
        Thread.sleep(300);
        UpgradeProbe.Figures figures = probe.stop();
        back.stop(0);

        assertTrue(figures.failed() > 5, figures.summary());
        assertTrue(figures.errors().containsKey("503"), figures.summary());
        assertTrue(figures.errors().keySet().stream().anyMatch(error -> error.contains("Exception")), figures.summary());
        assertTrue(figures.longestUnavailableMillis() >= 700, "the outage lasted 800 ms: " + figures.summary());
        assertTrue(!figures.summary().contains("secret-token"), "the token is never reported");
    }

    private static HttpServer server(int port, int status) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/ping", exchange -> {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static URI base(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }
}
