package dev.tollgate.check.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.HashMap;
import java.util.Map;

import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tollgate.check.CheckResult;
import dev.tollgate.check.ServiceContext;
import dev.tollgate.check.Status;

/** The ssh check against a real SSH server: a login, the host key pinned, a banner, a prompt and an answer. */
class SshCheckTest {

    @TempDir
    Path dir;

    private final SshCheck ssh = new SshCheck();
    private final ServiceContext context = new ServiceContext(URI.create("http://127.0.0.1:1/"), Map.of());

    private Map<String, Object> login(int port) {
        Map<String, Object> config = new HashMap<>(Map.of("port", port, "user", TestBbs.USER, "password", TestBbs.PASSWORD));
        config.put("timeout", "5s");
        return config;
    }

    @Test
    void logsInSeesTheBannerAndPromptAndGetsTheAnswerExpected() throws Exception {
        try (TestBbs bbs = TestBbs.start(dir.resolve("ssh/host_key"), null)) {
            Map<String, Object> config = login(bbs.port());
            config.putAll(Map.of("banner", "Welcome to the test BBS", "expect", "bbs> $", "send", "whoami", "reply", "^vera$",
                    "capture", "hostKeyBefore"));

            CheckResult result = context.check(ssh, config);

            assertEquals(Status.PASSED, result.status(), result.message());
            assertTrue(result.message().startsWith("logged in as vera@127.0.0.1:" + bbs.port() + " (host key SHA256:"),
                    result.message());
            assertTrue(result.message().endsWith("'whoami' answered as expected"), result.message());
            assertTrue(context.captured().get("hostKeyBefore").startsWith("SHA256:"), context.captured().toString());
            assertFalse(result.evidence().get(0).content().contains(TestBbs.PASSWORD), "the password is never shown");
        }
    }

    @Test
    void aHostKeyThatChangedSinceItWasRecordedFailsBeforeAnyCredentialIsSent() throws Exception {
        Path hostKey = dir.resolve("ssh/host_key");
        String recorded;
        try (TestBbs before = TestBbs.start(hostKey, null)) {
            context.check(ssh, Map.of("port", before.port(), "user", TestBbs.USER, "password", TestBbs.PASSWORD,
                    "capture", "hostKeyBefore"));
            recorded = context.captured().get("hostKeyBefore");
        }
        CheckResult kept;
        try (TestBbs restarted = TestBbs.start(hostKey, null)) {
            Map<String, Object> config = login(restarted.port());
            config.put("hostKey", recorded);
            kept = context.check(ssh, config);
        }
        Files.delete(hostKey);  // an upgrade that regenerates the host key
        try (TestBbs regenerated = TestBbs.start(hostKey, null)) {
            Map<String, Object> config = login(regenerated.port());
            config.put("hostKey", recorded);

            CheckResult changed = context.check(ssh, config);

            assertEquals(Status.PASSED, kept.status(), kept.message());
            assertTrue(kept.message().contains(recorded + ", as recorded"), kept.message());
            assertEquals(Status.FAILED, changed.status());
            assertTrue(changed.message().startsWith("the SSH host key of vera@127.0.0.1:" + regenerated.port() + " changed: it is SHA256:"),
                    changed.message());
            assertTrue(changed.message().contains("the key recorded before was " + recorded), changed.message());
            assertTrue(changed.evidence().get(0).content().contains("no credential was sent"), changed.evidence().get(0).content());
        }
    }

    @Test
    void aRefusedLoginFails() throws Exception {
        try (TestBbs bbs = TestBbs.start(dir.resolve("host_key"), null)) {
            Map<String, Object> config = login(bbs.port());
            config.put("password", "not-the-password");

            CheckResult result = context.check(ssh, config);

            assertEquals(Status.FAILED, result.status());
            assertTrue(result.message().startsWith("the SSH login as vera@127.0.0.1:" + bbs.port() + " was refused"), result.message());
            assertFalse(result.message().contains("not-the-password"), result.message());
        }
    }

    @Test
    void logsInWithAKeyFile() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Path key = dir.resolve("id_rsa");
        try (OutputStream out = Files.newOutputStream(key)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "tollgate test", null, out);
        }
        try (TestBbs bbs = TestBbs.start(dir.resolve("host_key"), pair.getPublic())) {
            CheckResult result = context.check(ssh, Map.of("port", bbs.port(), "user", TestBbs.USER, "key", key.toString(),
                    "expect", "bbs> "));

            assertEquals(Status.PASSED, result.status(), result.message());
        }
    }

    @Test
    void anUnexpectedAnswerFailsWithWhatTheShellPrinted() throws Exception {
        try (TestBbs bbs = TestBbs.start(dir.resolve("host_key"), null)) {
            Map<String, Object> config = login(bbs.port());
            config.putAll(Map.of("expect", "bbs> ", "send", "who", "reply", "^vera$", "timeout", "1s"));

            CheckResult result = context.check(ssh, config);

            assertEquals(Status.FAILED, result.status());
            assertTrue(result.message().startsWith("expected 'who' to be answered with something matching /^vera$/ within 1s;"
                    + " the shell printed 'unknown command\\nbbs> '"), result.message());
        }
    }

    @Test
    void nothingListeningFailsSayingSo() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }

        CheckResult result = context.check(ssh, login(port));

        assertEquals(Status.FAILED, result.status());
        assertTrue(result.message().startsWith("no SSH session with vera@127.0.0.1:" + port + ": "), result.message());
        assertTrue(result.message().endsWith("Is the SSH interface up on that port?"), result.message());
    }
}
