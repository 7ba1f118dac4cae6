package dev.tollgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SSH mode: a login with a subject's token, a shell, and a host key kept in the data directory. */
class SshInterfaceTest extends ServerTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    private SampleServer start(String release, String url) {
        Map<String, String> env = env(release, url);
        env.put("SAMPLE_SSH_PORT", "0");
        env.put("SAMPLE_DATA_DIR", dataDir.toString());
        return startServer(env);
    }

    /** Logs in, runs one command in a shell, and returns the host key's fingerprint and what the shell printed. */
    private static String[] exec(int port, String user, String password, String command) throws Exception {
        SshClient client = SshClient.setUpDefaultClient();
        AtomicReference<String> hostKey = new AtomicReference<>();
        client.setServerKeyVerifier((session, remote, key) -> {
            hostKey.set(KeyUtils.getFingerPrint(key));
            return true;
        });
        client.start();
        try (ClientSession session = client.connect(user, "127.0.0.1", port).verify(WAIT).getSession()) {
            session.addPasswordIdentity(password);
            session.auth().verify(WAIT);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ClientChannel shell = session.createShellChannel()) {
                shell.setIn(new java.io.ByteArrayInputStream((command + "\nexit\n").getBytes(StandardCharsets.UTF_8)));
                shell.setOut(out);
                shell.open().verify(WAIT);
                shell.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), WAIT);
            }
            return new String[] {hostKey.get(), out.toString(StandardCharsets.UTF_8)};
        } finally {
            client.stop();
        }
    }

    @Test
    void aSubjectLogsInWithItsTokenAndTheShellAnswers() throws Exception {
        SampleServer server = start("1.1.0", newDatabase());

        String[] result = exec(server.sshPort(), "vera", "dev-viewer-token", "whoami");

        assertTrue(result[1].startsWith("bbs> vera\r\nbbs> "), result[1]);
    }

    @Test
    void theHostKeyIsKeptAcrossAnUpgradeUnlessTheReleaseRegeneratesIt() throws Exception {
        String url = newDatabase();
        String before = exec(start("1.0.0", url).sshPort(), "vera", "dev-viewer-token", "version")[0];
        stopServers();
        String[] upgraded = exec(start("1.1.0", url).sshPort(), "vera", "dev-viewer-token", "version");
        stopServers();
        String regenerated = exec(start("1.1.0-bad-hostkey", url).sshPort(), "vera", "dev-viewer-token", "version")[0];

        assertEquals(before, upgraded[0]);
        assertTrue(upgraded[1].contains("1.1.0\r\n"), upgraded[1]);
        assertNotEquals(before, regenerated);
    }

    @Test
    void aWrongTokenAndTheLoginDefectAreRefused() throws Exception {
        SampleServer good = start("1.1.0", newDatabase());
        assertThrows(Exception.class, () -> exec(good.sshPort(), "vera", "dev-admin-token", "whoami"),
                "another subject's token is not vera's password");
        SampleServer refusing = start("1.1.0-bad-ssh-login", newDatabase());
        assertThrows(Exception.class, () -> exec(refusing.sshPort(), "vera", "dev-viewer-token", "whoami"));
    }
}
