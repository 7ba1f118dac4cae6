package dev.tollgate.check.ssh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * A real SSH server (Apache MINA SSHD) for the ssh check's tests: a BBS-like shell with a banner, a
 * prompt and a {@code whoami} command, its host key kept in a file as a service keeps it.
 */
final class TestBbs implements AutoCloseable {

    static final String USER = "vera";
    static final String PASSWORD = "s3cret-bbs-pw";

    private final SshServer server;

    private TestBbs(SshServer server) {
        this.server = server;
    }

    /** @param hostKey the host key file: generated when absent, reused when present (as a service's host key directory) */
    static TestBbs start(Path hostKey, PublicKey authorizedKey) throws IOException {
        java.nio.file.Files.createDirectories(hostKey.getParent());
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(hostKey));
        server.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
        server.setPublickeyAuthenticator((user, key, session) -> USER.equals(user) && authorizedKey != null
                && KeyUtils.compareKeys(key, authorizedKey));
        CoreModuleProperties.WELCOME_BANNER.set(server, "Welcome to the test BBS\n");
        server.setShellFactory(channel -> new Shell());
        server.start();
        return new TestBbs(server);
    }

    int port() {
        return server.getPort();
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    /** {@code bbs> } then one answer per line: {@code whoami}, {@code exit}, else {@code unknown command}. */
    private static final class Shell implements Command, Runnable {
        private InputStream in;
        private OutputStream out;
        private ExitCallback exit;
        private String user;
        private Thread thread;

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            user = channel.getSession().getUsername();
            thread = new Thread(this, "test-bbs-shell");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void destroy(ChannelSession channel) {
            thread.interrupt();
        }

        @Override
        public void run() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                write("bbs> ");
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    switch (line.strip()) {
                        case "whoami" -> write(user + "\r\n");
                        case "exit" -> {
                            exit.onExit(0);
                            return;
                        }
                        default -> write("unknown command\r\n");
                    }
                    write("bbs> ");
                }
                exit.onExit(0);
            } catch (IOException e) {
                exit.onExit(1, e.getMessage());
            }
        }

        private void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }
}
