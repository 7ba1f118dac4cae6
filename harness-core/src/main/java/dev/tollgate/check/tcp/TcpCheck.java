package dev.tollgate.check.tcp;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.apiguardian.api.API;

import dev.tollgate.check.CheckConfig;
import dev.tollgate.check.CheckContext;
import dev.tollgate.check.CheckResult;
import dev.tollgate.check.CheckType;
import dev.tollgate.check.Evidence;
import dev.tollgate.model.CheckSpec;
import dev.tollgate.system.RunningService;

/**
 * {@code tcp}: connects to a port and passes when the connection is accepted and, if asked, the
 * server greets with the expected banner and answers what was sent as expected. For services whose
 * product is not HTTP: "the SSH login path is the product".
 *
 * <pre>
 * - check:
 *     tcp:
 *       host: 127.0.0.1                  # default: the running release's host
 *       port: 2222                       # default: the running release's HTTP port
 *       banner: "^SSH-2\\.0-"            # the server speaks first; its first line must match
 * - check:
 *     tcp:
 *       send: "GET /health HTTP/1.0\r\n\r\n"   # sent after the banner (if any), as written
 *       expect: "^HTTP/1\\.[01] 200 "          # found in what comes back before the server closes or goes quiet
 *       timeout: 5s                            # connect, then each read; default 5s
 * </pre>
 *
 * An SSH server sends its identification line ({@code SSH-2.0-OpenSSH_9.6}) before the client says
 * anything (RFC 4253, 4.2), so {@code banner: "^SSH-2\\.0-"} proves the login path is listening
 * and speaking SSH without credentials. Regexes are found anywhere, {@code ^} and {@code $} per line.
 */
@API(status = INTERNAL, since = "0.1")
public final class TcpCheck implements CheckType {

    /** How long to connect, and to wait for each read, when the suite does not say. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private static final int MAX_READ = 64 * 1024;
    private static final int SHOWN = 300;

    @Override
    public String type() {
        return "tcp";
    }

    @Override
    public Set<String> keys() {
        return Set.of("host", "port", "banner", "send", "expect", "timeout");
    }

    @Override
    public CheckResult run(CheckSpec spec, CheckContext context) {
        CheckConfig config = new CheckConfig(spec, context.variables());
        Optional<RunningService> service = context.service();
        Optional<String> host = config.string("host").or(() -> service.map(s -> s.baseUri().getHost()));
        Optional<Integer> port = config.integer("port").or(() -> service.map(s -> s.baseUri().getPort()));
        if (host.isEmpty() || port.isEmpty()) {
            return CheckResult.broken(spec.name(), "no release is running and the check names no host and port;"
                    + " set tcp: { host: …, port: … } or deploy a release first", List.of());
        }
        if (port.get() < 1 || port.get() > 65535) {
            throw config.invalid("port", "a port from 1 to 65535", String.valueOf(port.get()));
        }
        Optional<Pattern> banner = pattern(config, "banner");
        Optional<String> send = config.string("send").map(TcpCheck::unescape);
        Optional<Pattern> expect = pattern(config, "expect");
        if (expect.isPresent() && send.isEmpty() && banner.isEmpty()) {
            throw config.invalid("expect", "used with 'send' (or use 'banner' for what the server says first)",
                    expect.get().pattern());
        }
        Duration timeout = config.duration("timeout", DEFAULT_TIMEOUT);
        String target = host.get() + ":" + port.get();
        StringBuilder transcript = new StringBuilder("# connect " + target + "\n");
        long started = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host.get(), port.get()), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            transcript.append("# connected in ").append(millis(started)).append(" ms\n");
            InputStream in = socket.getInputStream();
            if (banner.isPresent()) {
                String line = readLine(in);
                transcript.append("< ").append(line).append('\n');
                if (!banner.get().matcher(line).find()) {
                    return CheckResult.failed(spec.name(), "expected " + target + " to greet with a banner matching /"
                            + banner.get() + "/; it sent " + show(line), evidence(target, transcript));
                }
            }
            if (send.isPresent()) {
                socket.getOutputStream().write(send.get().getBytes(StandardCharsets.UTF_8));
                socket.getOutputStream().flush();
                transcript.append("> ").append(send.get().strip()).append('\n');
                if (expect.isPresent()) {
                    String answer = readUntil(in, expect.get());
                    transcript.append("< ").append(answer.strip()).append('\n');
                    if (!expect.get().matcher(answer).find()) {
                        return CheckResult.failed(spec.name(), "expected " + target + " to answer what was sent with /"
                                + expect.get() + "/; it answered " + show(answer), evidence(target, transcript));
                    }
                }
            }
        } catch (SocketTimeoutException e) {
            return CheckResult.failed(spec.name(), "expected " + target + " to " + (transcript.indexOf("# connected") < 0
                    ? "accept a connection" : "speak") + " within " + timeout.toMillis() + " ms; it did not (timeout)",
                    evidence(target, transcript.append("# timeout\n")));
        } catch (IOException e) {
            return CheckResult.failed(spec.name(), "expected " + target + " to accept a connection"
                    + (banner.isPresent() ? " and greet" : "") + "; " + e.getMessage(),
                    evidence(target, transcript.append("# ").append(e).append('\n')));
        }
        return CheckResult.passed(spec.name(), target + " accepted a connection"
                + banner.map(p -> ", greeted with a banner matching /" + p + "/").orElse("")
                + expect.map(p -> ", answered with /" + p + "/").orElse("")
                + " in " + millis(started) + " ms", evidence(target, transcript));
    }

    /** The first line the server sends, without its line end; what came before a close or timeout if no line end came. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n' && line.size() < MAX_READ; b = in.read()) {
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8).replaceAll("\r$", "");
    }

    /** Reads until the pattern is found, the server closes, or it goes quiet for the timeout (not an error here). */
    private static String readUntil(InputStream in, Pattern expect) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int read = in.read(buffer); read >= 0 && answer.size() < MAX_READ; read = in.read(buffer)) {
                answer.write(buffer, 0, read);
                if (expect.matcher(answer.toString(StandardCharsets.UTF_8)).find()) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            // Quiet is an answer: judge what came.
        }
        return answer.toString(StandardCharsets.UTF_8);
    }

    /** {@code \r}, {@code \n} and {@code \t} as YAML single-quoted or plain text writes them. */
    static String unescape(String text) {
        return text.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t");
    }

    private static Optional<Pattern> pattern(CheckConfig config, String key) {
        try {
            return config.string(key).map(regex -> Pattern.compile(regex, Pattern.MULTILINE));
        } catch (PatternSyntaxException e) {
            throw config.invalid(key, "a regular expression (" + e.getDescription() + ")", e.getPattern());
        }
    }

    private static List<Evidence> evidence(String target, StringBuilder transcript) {
        return List.of(Evidence.text("tcp " + target, transcript.toString()));
    }

    private static String show(String text) {
        if (text.isEmpty()) {
            return "nothing";
        }
        String flat = text.strip().replace("\r", "\\r").replace("\n", "\\n");
        return "'" + (flat.length() > SHOWN ? flat.substring(0, SHOWN) + "…" : flat) + "'";
    }

    private static long millis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
