package dev.tollgate.check.ssh;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.keyboard.UserInteraction;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apiguardian.api.API;

import dev.tollgate.check.CheckConfig;
import dev.tollgate.check.CheckContext;
import dev.tollgate.check.CheckResult;
import dev.tollgate.check.CheckType;
import dev.tollgate.check.Evidence;
import dev.tollgate.check.Secrets;
import dev.tollgate.model.SubjectTokens;
import dev.tollgate.model.CheckSpec;
import dev.tollgate.model.SubjectSpec;
import dev.tollgate.system.RunningService;

/**
 * {@code ssh}: logs in over SSH and passes when the server's host key is the one expected, the login
 * is accepted, and the shell answers as expected. For services whose product is the SSH login path.
 *
 * <pre>
 * - check:                                         # before the upgrade: record the host key
 *     ssh: { port: 2222, user: vera, password: "${env.BBS_PASSWORD}", capture: hostKeyBefore }
 * - check:                                         # after it: the same key, a login, a prompt, an answer
 *     ssh:
 *       port: 2222                                 # or portEnv: FOGLET_SSH_PORT, the port the release was told
 *       user: vera
 *       password: "${env.BBS_PASSWORD}"            # or key: path/to/id_ed25519, or as: a subject (its name and token)
 *       hostKey: "${hostKeyBefore}"                # a changed host key fails, before any credential is sent
 *       banner: "Welcome"                          # the server's login banner (regex)
 *       expect: "bbs> $"                           # the shell's first output (regex): a prompt
 *       send: "whoami"                             # a line typed into the shell
 *       reply: "^vera$"                            # what the shell answers to it (regex)
 *       timeout: 10s                               # connect, log in, and each wait; default 10s
 * </pre>
 *
 * The host defaults to the running release's. Regexes are found anywhere, {@code ^} and {@code $}
 * per line. Passwords are masked in every message and in the transcript.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class SshCheck implements CheckType {

    /** How long to connect, to log in, and to wait for each expected output, when the suite does not say. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    @Override
    public String type() {
        return "ssh";
    }

    @Override
    public Set<String> keys() {
        return Set.of("host", "port", "portEnv", "as", "user", "password", "key", "hostKey", "capture", "banner", "expect", "send",
                "reply", "timeout");
    }


    @Override
    public Set<String> captures(Map<String, Object> config) {
        Object capture = config.get("capture");
        return capture == null ? Set.of() : Set.of(String.valueOf(capture));
    }

    @Override
    public CheckResult run(CheckSpec spec, CheckContext context) {
        CheckConfig config = new CheckConfig(spec, context.variables());
        Optional<String> host = config.string("host").or(() -> context.service().map(RunningService::baseUri).map(uri -> uri.getHost()));
        if (host.isEmpty()) {
            return CheckResult.broken(spec.name(), "no release is running and the check names no host; set ssh: { host: … }"
                    + " or deploy a release first", List.of());
        }
        Optional<Integer> port = config.integer("port").or(() -> config.string("portEnv").flatMap(variable -> context.service()
                .map(service -> service.environment().get(variable)).map(value -> {
                    try {
                        return Integer.valueOf(value.trim());
                    } catch (NumberFormatException e) {
                        throw config.invalid("portEnv", "a variable of the release's environment that holds a port", value);
                    }
                })));
        if (port.isEmpty()) {
            return CheckResult.broken(spec.name(), "no SSH port: set port: N, or portEnv: VARIABLE naming the variable of the"
                    + " running release's environment that holds it (with a release running)", List.of());
        }
        Optional<String> as = config.string("as");
        SubjectSpec subject = as.map(name -> Optional.ofNullable(context.profile().subjects().get(name)).orElseThrow(() ->
                config.invalid("as", "a subject of the profile " + context.profile().subjects().keySet(), name))).orElse(null);
        String user = config.string("user").orElseGet(() -> subject == null ? null : subject.name());
        if (user == null) {
            throw config.invalid("user", "the user to log in as, or as: a subject of the profile", "neither");
        }
        Optional<String> password = config.string("password")
                .or(() -> subject == null ? Optional.empty() : SubjectTokens.of(as.get(), subject, context.profile(), context.variables()));
        Optional<Path> key = config.string("key").map(Path::of);
        if (password.isEmpty() && key.isEmpty()) {
            throw config.invalid("password", "a password, or key: with a private key file", "neither");
        }
        Optional<String> pinned = config.string("hostKey").map(String::trim).filter(value -> !value.isEmpty());
        Duration timeout = config.duration("timeout", DEFAULT_TIMEOUT);
        Secrets secrets = Secrets.of(context.service()).and(password.orElse(null));
        Login login = new Login(host.get(), port.get(), user, pinned, timeout,
                pattern(config, "banner"), pattern(config, "expect"), config.string("send"), pattern(config, "reply"));
        Transcript transcript = new Transcript();
        Outcome outcome = login.attempt(password, key, transcript);
        List<Evidence> evidence = List.of(Evidence.text("ssh " + user + "@" + host.get() + ":" + port.get(),
                secrets.mask(transcript.text())));
        outcome.hostKey().ifPresent(fingerprint -> config.string("capture").ifPresent(name -> context.capture(name, fingerprint)));
        return switch (outcome.status()) {
            case PASSED -> CheckResult.passed(spec.name(), secrets.mask(outcome.message()), evidence);
            case FAILED -> CheckResult.failed(spec.name(), secrets.mask(outcome.message()), evidence);
            default -> CheckResult.broken(spec.name(), secrets.mask(outcome.message()), evidence);
        };
    }

    private static Optional<Pattern> pattern(CheckConfig config, String key) {
        try {
            return config.string(key).map(regex -> Pattern.compile(regex, Pattern.MULTILINE));
        } catch (PatternSyntaxException e) {
            throw config.invalid(key, "a regular expression (" + e.getDescription() + ")", e.getPattern());
        }
    }

    private record Outcome(dev.tollgate.check.Status status, String message, Optional<String> hostKey) {
    }

    /** What the check saw, in order: for the report. */
    private static final class Transcript {
        private final StringBuilder text = new StringBuilder();

        synchronized void note(String line) {
            text.append("# ").append(line).append('\n');
        }

        synchronized String text() {
            return text.toString();
        }
    }

    /** One login with its expectations; every failure is the release's, save a connection that cannot be made at all. */
    private record Login(String host, int port, String user, Optional<String> pinned, Duration timeout, Optional<Pattern> banner,
            Optional<Pattern> expect, Optional<String> send, Optional<Pattern> reply) {

        Outcome attempt(Optional<String> password, Optional<Path> key, Transcript transcript) {
            String target = user + "@" + host + ":" + port;
            AtomicReference<String> seenKey = new AtomicReference<>();
            AtomicReference<String> seenBanner = new AtomicReference<>();
            SshClient client = SshClient.setUpDefaultClient();
            // The key is checked before any credential goes out: a changed key may be another server.
            client.setServerKeyVerifier((session, remote, serverKey) -> {
                seenKey.set(fingerprint(serverKey));
                return pinned.isEmpty() || pinned.get().equals(seenKey.get());
            });
            client.setUserInteraction(new UserInteraction() {
                @Override
                public void welcome(ClientSession session, String text, String lang) {
                    seenBanner.set(text);
                }

                // Allowed so the banner is shown to welcome(); nothing is ever answered interactively.
                @Override
                public boolean isInteractionAllowed(ClientSession session) {
                    return true;
                }

                @Override
                public String[] interactive(ClientSession session, String name, String instruction, String lang, String[] prompt,
                        boolean[] echo) {
                    return null;
                }

                @Override
                public String getUpdatedPassword(ClientSession session, String prompt, String lang) {
                    return null;
                }
            });
            client.start();
            try (ClientSession session = client.connect(user, host, port).verify(timeout).getSession()) {
                transcript.note("connected to " + host + ":" + port);
                password.ifPresent(session::addPasswordIdentity);
                if (key.isPresent()) {
                    for (KeyPair pair : new FileKeyPairProvider(key.get()).loadKeys(session)) {
                        session.addPublicKeyIdentity(pair);
                    }
                }
                try {
                    session.auth().verify(timeout);
                } catch (IOException e) {
                    if (pinned.isPresent() && seenKey.get() != null && !pinned.get().equals(seenKey.get())) {
                        return changedKey(target, seenKey.get(), transcript);
                    }
                    transcript.note("login refused: " + e.getMessage());
                    return new Outcome(dev.tollgate.check.Status.FAILED, "the SSH login as " + target + " was refused ("
                            + firstLine(e.getMessage()) + ")", Optional.ofNullable(seenKey.get()));
                }
                transcript.note("host key " + seenKey.get() + (pinned.isPresent() ? ", as recorded" : ""));
                transcript.note("logged in as " + user);
                List<String> problems = new ArrayList<>();
                if (seenBanner.get() != null) {
                    transcript.note("banner: " + seenBanner.get().strip());
                }
                banner.filter(expected -> seenBanner.get() == null || !expected.matcher(seenBanner.get()).find())
                        .ifPresent(expected -> problems.add("expected a login banner matching /" + expected + "/; "
                                + (seenBanner.get() == null ? "the server sent none" : "it sent " + show(seenBanner.get()))));
                if (problems.isEmpty() && (expect.isPresent() || send.isPresent())) {
                    shell(session, problems, transcript);
                }
                String summary = "logged in as " + target + " (host key " + seenKey.get() + (pinned.isPresent() ? ", as recorded" : "")
                        + ")" + (send.isPresent() && problems.isEmpty() ? "; '" + send.get() + "' answered as expected" : "");
                return problems.isEmpty() ? new Outcome(dev.tollgate.check.Status.PASSED, summary, Optional.of(seenKey.get()))
                        : new Outcome(dev.tollgate.check.Status.FAILED, String.join("; ", problems) + " (" + summary + ")",
                                Optional.of(seenKey.get()));
            } catch (IOException e) {
                if (pinned.isPresent() && seenKey.get() != null && !pinned.get().equals(seenKey.get())) {
                    return changedKey(target, seenKey.get(), transcript);
                }
                transcript.note("no connection: " + e);
                return new Outcome(dev.tollgate.check.Status.FAILED, "no SSH session with " + target + ": " + firstLine(e.getMessage())
                        + ". Is the SSH interface up on that port?", Optional.empty());
            } finally {
                client.stop();
            }
        }

        private Outcome changedKey(String target, String seen, Transcript transcript) {
            transcript.note("host key " + seen + " is not the one recorded, " + pinned.get() + ": no credential was sent");
            return new Outcome(dev.tollgate.check.Status.FAILED, "the SSH host key of " + target + " changed: it is " + seen
                    + ", the key recorded before was " + pinned.get() + " (clients would refuse it; restore the host key"
                    + " directory from the backup)", Optional.of(seen));
        }

        private void shell(ClientSession session, List<String> problems, Transcript transcript) throws IOException {
            ShellOutput output = new ShellOutput();
            try (ChannelShell shell = session.createShellChannel()) {
                shell.setOut(output);
                shell.setErr(output);
                shell.open().verify(timeout);
                if (expect.isPresent() && !output.await(expect.get(), 0, timeout)) {
                    problems.add("expected the shell to print something matching /" + expect.get() + "/ within "
                            + timeout.toSeconds() + "s; it printed " + show(output.text()));
                    transcript.note("shell output: " + output.text());
                    return;
                }
                if (send.isPresent()) {
                    int mark = output.length();
                    OutputStream in = shell.getInvertedIn();
                    in.write((send.get() + "\n").getBytes(StandardCharsets.UTF_8));
                    in.flush();
                    if (reply.isPresent() && !output.await(reply.get(), mark, timeout)) {
                        problems.add("expected '" + send.get() + "' to be answered with something matching /" + reply.get()
                                + "/ within " + timeout.toSeconds() + "s; the shell printed " + show(output.text().substring(mark)));
                    }
                }
                transcript.note("shell output:\n" + output.text());
            }
        }

        private static String fingerprint(PublicKey key) {
            return KeyUtils.getFingerPrint(key);
        }
    }

    /** The shell's output as it arrives, with a wait for a pattern to appear past a mark. */
    private static final class ShellOutput extends OutputStream {
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            notifyAll();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            notifyAll();
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8).replace("\r", "");
        }

        synchronized int length() {
            return text().length();
        }

        synchronized boolean await(Pattern pattern, int from, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                String text = text();
                if (pattern.matcher(text.substring(Math.min(from, text.length()))).find()) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    private static String show(String text) {
        String shown = text.length() > 300 ? text.substring(0, 300) + "…" : text;
        return "'" + shown.replace("\n", "\\n") + "'";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
