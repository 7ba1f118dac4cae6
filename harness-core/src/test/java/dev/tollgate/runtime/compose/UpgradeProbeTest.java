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
        await(probe, "a few answers", figures -> figures.requests() >= 3);
        long down = System.nanoTime();
        server.stop(0);
        await(probe, "refused connections", figures -> figures.errors().keySet().stream().anyMatch(e -> e.contains("Exception")));
        HttpServer failing = server(port, 503);
        await(probe, "503 answers", figures -> figures.errors().containsKey("503"));
        failing.stop(0);
        HttpServer back = server(port, 200);
        long outage = (System.nanoTime() - down) / 1_000_000;
        int sent = probe.figures().requests();
        await(probe, "answers again", figures -> figures.requests() >= sent + 3);
        UpgradeProbe.Figures figures = probe.stop();
        back.stop(0);

        assertTrue(figures.failed() >= 2, figures.summary());
        assertTrue(figures.longestUnavailableMillis() >= outage - 100,
                "no answer for at least " + outage + " ms: " + figures.summary());
        assertTrue(figures.longestUnavailableMillis() < figures.durationMillis(), figures.summary());
        assertTrue(!figures.summary().contains("secret-token"), "the token is never reported");
    }

    private static void await(UpgradeProbe probe, String what, java.util.function.Predicate<UpgradeProbe.Figures> condition) {
        org.awaitility.Awaitility.await("the probe to see " + what).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(10)).until(() -> condition.test(probe.figures()));
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
