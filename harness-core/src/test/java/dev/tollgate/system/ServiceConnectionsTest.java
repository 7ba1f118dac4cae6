package dev.tollgate.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLException;

import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/**
 * The pool of Tollgate's HTTP clients: plain HTTP goes without TLS ever being set up, and an
 * {@code https} URL still goes over TLS (a handshake with a server that answers in plain HTTP fails),
 * not quietly over plain HTTP.
 */
class ServiceConnectionsTest {

    @Test
    void plainHttpNeedsNoTlsAndHttpsStillSpeaksTls() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> {
            byte[] body = "UP".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        ServiceConnections.TlsWhenNeeded tls = new ServiceConnections.TlsWhenNeeded();
        try (CloseableHttpClient client = HttpClients.custom().setConnectionManager(ServiceConnections.pool(4, 8, tls)).build()) {
            String authority = "127.0.0.1:" + server.getAddress().getPort();
            try (CloseableHttpResponse response = client.execute(new HttpGet("http://" + authority + "/health"))) {
                assertEquals(200, response.getStatusLine().getStatusCode());
                assertEquals("UP", EntityUtils.toString(response.getEntity()));
            }
            assertFalse(tls.used(), "a plain HTTP exchange set up TLS");

            // A server that answers whatever it is sent in plain HTTP, then hangs up.
            try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                Thread answering = new Thread(() -> {
                    try (Socket accepted = plain.accept()) {
                        accepted.getInputStream().read(new byte[512]);
                        accepted.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException e) {
                        // the client gave up first
                    }
                });
                answering.start();
                HttpGet overTls = new HttpGet("https://127.0.0.1:" + plain.getLocalPort() + "/health");
                overTls.setConfig(RequestConfig.custom().setConnectTimeout(5000).setSocketTimeout(5000).build());
                assertThrows(SSLException.class, () -> client.execute(overTls).close(),
                        "an https URL must be spoken to over TLS: a plain HTTP answer is not a TLS handshake");
                answering.join(5000);
            }
            assertTrue(tls.used());
        } finally {
            server.stop(0);
        }
    }
}
