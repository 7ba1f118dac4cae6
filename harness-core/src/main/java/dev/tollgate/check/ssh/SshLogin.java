package dev.tollgate.check.ssh;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.keyboard.UserInteraction;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;

import dev.tollgate.api.Text;
import dev.tollgate.check.Status;

/**
 * One SSH login with its expectations (host key, banner, the shell's prompt and its answer to a
 * line); every failure is the release's, save a connection that cannot be made at all.
 */
record SshLogin(String host, int port, String user, Optional<String> pinned, Duration timeout, Optional<Pattern> banner,
        Optional<Pattern> expect, Optional<String> send, Optional<Pattern> reply) {

    /** How the login went, and the host key the server showed, if it got that far. */
    record Outcome(Status status, String message, Optional<String> hostKey) {
    }

    /** What the check saw, in order: for the report. */
    static final class Transcript {
        private final StringBuilder text = new StringBuilder();

        synchronized void note(String line) {
            text.append("# ").append(line).append('\n');
        }

        synchronized String text() {
            return text.toString();
        }
    }

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
                return new Outcome(Status.FAILED, "the SSH login as " + target + " was refused ("
                        + Text.firstLine(e.getMessage()) + ")", Optional.ofNullable(seenKey.get()));
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
            return problems.isEmpty() ? new Outcome(Status.PASSED, summary, Optional.of(seenKey.get()))
                    : new Outcome(Status.FAILED, String.join("; ", problems) + " (" + summary + ")",
                            Optional.of(seenKey.get()));
        } catch (IOException e) {
            if (pinned.isPresent() && seenKey.get() != null && !pinned.get().equals(seenKey.get())) {
                return changedKey(target, seenKey.get(), transcript);
            }
            transcript.note("no connection: " + e);
            return new Outcome(Status.FAILED, "no SSH session with " + target + ": " + Text.firstLine(e.getMessage())
                    + ". Is the SSH interface up on that port?", Optional.empty());
        } finally {
            client.stop();
        }
    }

    private Outcome changedKey(String target, String seen, Transcript transcript) {
        transcript.note("host key " + seen + " is not the one recorded, " + pinned.get() + ": no credential was sent");
        return new Outcome(Status.FAILED, "the SSH host key of " + target + " changed: it is " + seen
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

private static String show(String text) {
    String shown = text.length() > 300 ? text.substring(0, 300) + "…" : text;
    return "'" + shown.replace("\n", "\\n") + "'";
}
}
