package dev.tollgate.check.ssh;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
@API(status = INTERNAL, since = "0.2")
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
        SshLogin login = new SshLogin(host.get(), port.get(), user, pinned, timeout,
                pattern(config, "banner"), pattern(config, "expect"), config.string("send"), pattern(config, "reply"));
        SshLogin.Transcript transcript = new SshLogin.Transcript();
        SshLogin.Outcome outcome = login.attempt(password, key, transcript);
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
}
