package dev.tollgate.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's SSH interface ({@code SAMPLE_SSH_PORT}), for rehearsing an SSH-first service such as
 * the Foglet BBS: subjects log in with their name and token as password, see a banner and a
 * {@code bbs> } prompt, and may ask {@code whoami} and {@code version}. The host key is kept in
 * {@code SAMPLE_DATA_DIR/ssh}, so it survives restarts and upgrades as a real host key directory does.
 */
final class SshInterface implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SshInterface.class);

    private final SshServer server;

    private SshInterface(SshServer server) {
        this.server = server;
    }

    /** Starts the interface; the release with the host-key defect makes a new key, the one with the login defect refuses all. */
    static SshInterface start(Settings settings, Release release, Subjects subjects) {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost(settings.bindAddress());
        server.setPort(settings.sshPort());
        try {
            if (settings.dataDir() != null) {
                Path hostKey = Files.createDirectories(Path.of(settings.dataDir(), "ssh")).resolve("ssh_host_key");
                if (release.has(Trait.HOST_KEY_REGENERATED) && Files.deleteIfExists(hostKey)) {
                    LOG.info("Regenerating the SSH host key");
                }
                server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(hostKey));
            } else {
                server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider());  // a new key every start
            }
            boolean refuse = release.has(Trait.SSH_LOGIN_REFUSED);
            server.setPasswordAuthenticator((user, password, session) -> !refuse
                    && subjects.authenticate(password).map(subject -> subject.name().equals(user)).orElse(false));
            CoreModuleProperties.WELCOME_BANNER.set(server, "Welcome to the sample BBS, release " + release.id() + "\n");
            server.setShellFactory(channel -> new Shell(release));
            server.start();
        } catch (IOException e) {
            throw new StartupException(ExitCode.UNAVAILABLE, "Cannot start the SSH interface on " + settings.bindAddress() + ":"
                    + settings.sshPort() + ": " + e.getMessage() + ". Choose another SAMPLE_SSH_PORT.");
        }
        LOG.info("SSH interface on port {}", server.getPort());
        return new SshInterface(server);
    }

    int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            LOG.warn("The SSH interface did not stop cleanly: {}", e.getMessage());
        }
    }

    /** {@code bbs> } then one answer per line. */
    private static final class Shell implements Command, Runnable {
        private final Release release;
        private InputStream in;
        private OutputStream out;
        private ExitCallback exit;
        private String user;
        private Thread thread;

        Shell(Release release) {
            this.release = release;
        }

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
            thread = new Thread(this, "ssh-shell-" + user);
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
                        case "version" -> write(release.reportedVersion() + "\r\n");
                        case "exit" -> {
                            exit.onExit(0);
                            return;
                        }
                        case "" -> { }
                        default -> write("unknown command; try whoami, version, exit\r\n");
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
