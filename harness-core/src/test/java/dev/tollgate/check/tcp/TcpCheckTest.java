package dev.tollgate.check.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tollgate.check.CheckResult;
import dev.tollgate.check.ServiceContext;
import dev.tollgate.check.Status;

/** The {@code tcp} check against real loopback servers: one that greets as SSH does, one that echoes, none at all. */
class TcpCheckTest {

    private final TcpCheck tcp = new TcpCheck();
    private ServerSocket server;

    @AfterEach
    void close() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void passesWhenAnSshServerGreetsWithItsIdentification() throws Exception {
        serve("SSH-2.0-OpenSSH_9.6 Debian-1\r\n", false);
        CheckResult result = context().check(tcp, Map.of("banner", "^SSH-2\\.0-"));
        assertEquals(Status.PASSED, result.status(), result.message());
        assertTrue(result.message().contains("greeted with a banner matching /^SSH-2\\.0-/"), result.message());
        assertTrue(ServiceContext.shown(result).contains("< SSH-2.0-OpenSSH_9.6 Debian-1"), ServiceContext.shown(result));
    }

    @Test
    void failsWhenThePortSpeaksAnotherProtocol() throws Exception {
        serve("220 mail.example.org ESMTP Postfix\r\n", false);
        CheckResult result = context().check(tcp, Map.of("banner", "^SSH-2\\.0-"));
        assertEquals(Status.FAILED, result.status(), result.message());
        assertTrue(result.message().contains("to greet with a banner matching /^SSH-2\\.0-/; it sent '220 mail.example.org"),
                result.message());
    }

    @Test
    void failsWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        CheckResult result = new ServiceContext(URI.create("http://127.0.0.1:" + port + "/"), Map.of())
                .check(tcp, Map.of("banner", "^SSH-2\\.0-"));
        assertEquals(Status.FAILED, result.status(), result.message());
        assertTrue(result.message().contains("127.0.0.1:" + port + " to accept a connection and greet"), result.message());
    }

    @Test
    void failsWhenAServerThatShouldGreetStaysSilent() throws Exception {
        serve("", false);
        CheckResult result = context().check(tcp, Map.of("banner", "^SSH-", "timeout", "300ms"));
        assertEquals(Status.FAILED, result.status(), result.message());
        assertTrue(result.message().contains("to speak within 300 ms; it did not (timeout)"), result.message());
    }

    @Test
    void sendsAndJudgesTheAnswer() throws Exception {
        serve("", true);
        ServiceContext context = context();
        assertEquals(Status.PASSED, context.check(tcp, Map.of("send", "PING\\r\\n", "expect", "^PONG PING$")).status());
        serve("", true);
        CheckResult wrong = context().check(tcp, Map.of("send", "PING\\r\\n", "expect", "^PANG", "timeout", "500ms"));
        assertEquals(Status.FAILED, wrong.status(), wrong.message());
        assertTrue(wrong.message().contains("it answered 'PONG PING'"), wrong.message());
    }

    private ServiceContext context() {
        return new ServiceContext(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/"), Map.of());
    }

    /** A one-connection server: greets with {@code banner}, and if {@code echo}, answers one line with "PONG line". */
    private void serve(String banner, boolean echo) throws IOException {
        close();
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ServerSocket listening = server;
        Thread thread = new Thread(() -> {
            try (Socket socket = listening.accept()) {
                OutputStream out = socket.getOutputStream();
                out.write(banner.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                StringBuilder line = new StringBuilder();
                for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
                    line.append((char) b);
                }
                if (echo) {
                    out.write(("PONG " + line.toString().strip() + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException e) {
                // the test closed the server
            }
        }, "tcp-test-server");
        thread.setDaemon(true);
        thread.start();
    }
}
