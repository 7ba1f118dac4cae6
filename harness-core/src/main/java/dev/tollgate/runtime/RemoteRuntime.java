package dev.tollgate.runtime;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.apiguardian.api.API;

import dev.tollgate.api.Hints;
import dev.tollgate.api.Constants;
import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Release;
import dev.tollgate.model.TargetSpec;
import dev.tollgate.model.Variables;
import dev.tollgate.system.DatabaseEndpoint;
import dev.tollgate.system.RunningService;

/**
 * The {@code remote} runtime: the system under test already runs at a base URL (a staging
 * deployment), and Tollgate only observes it. Its database, when a URL is given, is reached
 * read-only. Every lifecycle operation (install, upgrade, rollback, backup, restore, stop) is
 * refused with a message that says why — a suite that needs one does not belong on a remote target,
 * and the engine refuses such suites before anything runs unless the run opts in.
 */
@API(status = INTERNAL, since = "0.1")
public final class RemoteRuntime implements SystemUnderTest {

    private final Profile profile;
    private final URI baseUri;
    private final Map<String, URI> services;
    private final Optional<DatabaseEndpoint> database;
    private final Path logFile;
    private final AtomicReference<Release> observed = new AtomicReference<>();

    private RemoteRuntime(Profile profile, URI baseUri, Map<String, URI> services, Optional<DatabaseEndpoint> database,
            Path logFile) {
        this.profile = profile;
        this.baseUri = baseUri;
        this.services = Map.copyOf(services);
        this.database = database;
        this.logFile = logFile;
    }

    /**
     * Resolves the profile's {@code target:} and notes where evidence of the run goes. Sends nothing:
     * whether the target answers is the first check's business.
     */
    public static RemoteRuntime start(Profile profile, Variables variables, Path evidenceDir, Progress progress) {
        TargetSpec target = profile.target();
        if (target == null) {
            throw new TollgateException(ErrorCode.LOAD_PROFILE_INVALID, profile.describe()
                    + ": runtime: remote needs a target: section, like target: { url: \"${" + Constants.TARGET_URL + "}\" }");
        }
        String url = required(profile, "target.url", target.url(), variables);
        URI base = uri(profile, "target.url", url);
        Map<String, URI> services = new LinkedHashMap<>();
        target.services().forEach((name, template) -> services.put(name,
                uri(profile, "target.services." + name, required(profile, "target.services." + name, template, variables))));
        Optional<DatabaseEndpoint> database = Optional.ofNullable(target.database())
                .flatMap(spec -> database(profile, spec, variables));
        Path logFile = note(evidenceDir, base);
        progress.report("remote target " + base + (database.map(db -> ", database " + db).orElse(", no database URL (-D"
                + Constants.TARGET_DATABASE_URL + "=…): database checks are skipped")) + "; Tollgate only observes it");
        return new RemoteRuntime(profile, base, services, database, logFile);
    }

    /** The base URL of the service named {@code name} under {@code target.services}, or the main one. */
    public URI serviceUri(String name) {
        return name == null ? baseUri : Optional.ofNullable(services.get(name)).orElseThrow(() -> new TollgateException(
                ErrorCode.LOAD_INVALID_SETTING, profile.describe() + ": no service '" + name + "' under target.services;"
                        + " known: " + String.join(", ", services.keySet())));
    }

    @Override
    public RunningService provide(Release release) {
        observed.set(release);
        return current().orElseThrow();
    }

    @Override
    public Optional<RunningService> current() {
        Release release = Optional.ofNullable(observed.get()).orElse(new Release("(whatever runs at " + baseUri + ")"));
        return Optional.of(new RunningService(release, baseUri, logFile, Map.of()));
    }

    /** No release was started by Tollgate, so there is no phase log to attach. */
    @Override
    public Optional<RunningService> lastDeployed() {
        return Optional.empty();
    }

    @Override
    public boolean hasDatabase() {
        return database.isPresent();
    }

    @Override
    public DatabaseEndpoint database() {
        return database.orElseThrow(() -> new TollgateException(ErrorCode.RUNTIME_NO_DATABASE, "no database URL was"
                + " given for the remote target " + baseUri + ", so this cannot read its database; give one with -D"
                + Constants.TARGET_DATABASE_URL + "=jdbc:postgresql://HOST:5432/NAME (the password in"
                + " TOLLGATE_DATABASE_PASSWORD); it is opened read-only"));
    }

    @Override
    public RunningService install(Release release) {
        throw refused("install " + release);
    }

    @Override
    public RunningService deploy(Release release) {
        throw refused("deploy " + release + " (upgrade, rollback or restart)");
    }

    @Override
    public void stopService() {
        throw refused("stop the service");
    }

    @Override
    public void backup(String name) {
        throw refused("take the backup '" + name + "'");
    }

    @Override
    public void restore(String name) {
        throw refused("restore the backup '" + name + "'");
    }

    @Override
    public DatabaseEndpoint cleanInstallReference(Release release) {
        throw refused("install " + release + " on a database of its own for reference (convergence)");
    }

    /** Nothing was started, so nothing is stopped. */
    @Override
    public void close() {
    }

    private TollgateException refused(String what) {
        return new TollgateException(ErrorCode.STEP_NOT_SUPPORTED, "cannot " + what + " on the remote target " + baseUri
                + " (" + profile.describe() + "): Tollgate observes a deployment it did not make and never changes it."
                + " Run a read-only suite there (mvn -B verify -Pstaging), or rehearse lifecycle steps on a profile"
                + " that deploys (local, quickstart, full)");
    }

    private static Optional<DatabaseEndpoint> database(Profile profile, TargetSpec.Database spec, Variables variables) {
        Optional<String> url = optional(spec.url(), variables);
        if (url.isEmpty()) {
            return Optional.empty();
        }
        String text = url.get();
        String plain = text.startsWith("jdbc:") ? text.substring("jdbc:".length()) : text;
        URI uri;
        try {
            uri = new URI(plain);
        } catch (URISyntaxException e) {
            throw invalidDatabaseUrl(profile, text, e.getMessage());
        }
        if (!("postgresql".equals(uri.getScheme()) || "postgres".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getPath() == null || uri.getPath().length() < 2) {
            throw invalidDatabaseUrl(profile, text, "expected jdbc:postgresql://HOST[:PORT]/NAME");
        }
        Map<String, String> query = query(uri.getRawQuery());
        String user = Optional.ofNullable(query.get("user")).or(() -> Optional.ofNullable(uri.getUserInfo())
                .map(info -> info.split(":", 2)[0])).or(() -> optional(spec.user(), variables)).orElse(null);
        String password = Optional.ofNullable(query.get("password")).or(() -> optional(spec.password(), variables)).orElse(null);
        return Optional.of(new DatabaseEndpoint(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(),
                uri.getPath().substring(1), user, password, true));
    }

    private static TollgateException invalidDatabaseUrl(Profile profile, String url, String why) {
        String shown = url.replaceAll("password=[^&]*", "password=***");
        return new TollgateException(ErrorCode.LOAD_INVALID_SETTING, profile.describe() + ": target.database.url '" + shown
                + "' is not a PostgreSQL URL: " + why + ". Give -D" + Constants.TARGET_DATABASE_URL
                + "=jdbc:postgresql://HOST:5432/NAME");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    values.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private static String required(Profile profile, String key, String template, Variables variables) {
        try {
            String value = variables.resolve(template).strip();
            if (value.isEmpty()) {
                throw new TollgateException(ErrorCode.LOAD_UNDEFINED_VARIABLE, profile.describe() + ": " + key + " ("
                        + template + ") is empty; give the deployment's address, like -D" + Constants.TARGET_URL
                        + "=https://staging.example.com/");
            }
            return value;
        } catch (Variables.UndefinedVariableException e) {
            throw new TollgateException(ErrorCode.LOAD_UNDEFINED_VARIABLE, profile.describe() + ": " + key + " is "
                    + e.getMessage() + "; give the deployment's address with -D" + e.variable()
                    + "=https://staging.example.com/ (or as an environment variable)");
        }
    }

    /** An optional value: absent when empty or when a variable it names is unset. */
    private static Optional<String> optional(String template, Variables variables) {
        if (template == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(variables.resolve(template)).map(String::strip).filter(value -> !value.isEmpty());
        } catch (Variables.UndefinedVariableException e) {
            return Optional.empty();
        }
    }

    private static URI uri(Profile profile, String key, String value) {
        try {
            URI uri = new URI(value.endsWith("/") ? value : value + "/");
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                throw new URISyntaxException(value, "expected http(s)://HOST[:PORT]/");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new TollgateException(ErrorCode.LOAD_INVALID_SETTING, profile.describe() + ": " + key + " '" + value
                    + "' is not a base URL: " + e.getReason() + ", like https://staging.example.com/");
        }
    }

    /** A note where a phase log would be: the remote service's own log stays where it is. */
    private static Path note(Path evidenceDir, URI base) {
        String run = "remote-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        Path file = evidenceDir.resolve(run).resolve("logs").resolve("remote-target.log");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "The service runs at " + base + ", outside Tollgate; its log is not collected.\n");
        } catch (IOException e) {
            throw new TollgateException(ErrorCode.RUNTIME_IO, "Cannot write to the evidence directory " + file.getParent()
                    + ": " + e + ". Choose another with " + Hints.setting(Constants.EVIDENCE_DIR, "DIR") + ".", e);
        }
        return file;
    }
}
