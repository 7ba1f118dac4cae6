package dev.tollgate.runtime.compose;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apiguardian.api.API;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.tollgate.api.Constants;
import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.model.ComposeSpec;
import dev.tollgate.model.Profile;
import dev.tollgate.runtime.compose.ComposeFinding.Kind;
import dev.tollgate.runtime.compose.ComposeFinding.Severity;

/**
 * Reads a compose profile's compose file as Compose resolves it ({@code config}, with variables and
 * overrides applied) and says what would make a run fail or judge the wrong thing: a service the
 * profile names that the file lacks, a release service whose {@code image:} ignores the release
 * variable, a port the harness must reach that is not published on loopback, and (as a warning) a
 * release service without a container healthcheck. Starts nothing; for {@code validate} and
 * {@code doctor}.
 */
@API(status = INTERNAL, since = "0.2")
public final class ComposeFileCheck {

    static final int POSTGRES_PORT = 5432;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    // Two values no real release has: an image: line that uses the variable resolves differently for each.
    private static final String FIRST = "tollgate-check-a";
    private static final String SECOND = "tollgate-check-b";

    private ComposeFileCheck() {
    }

    /**
     * Checks the compose file of {@code profile} with {@code cli}.
     *
     * @throws TollgateException when the file is missing or Compose cannot read it (its own words)
     */
    public static List<ComposeFinding> check(Profile profile, ComposeCli cli) {
        if (profile.compose() == null) {
            return List.of();
        }
        Path file = ComposeProfile.composeFile(profile);
        JsonNode first = config(cli, profile, file, FIRST);
        JsonNode second = config(cli, profile, file, SECOND);
        return findings(profile, file, first, second);
    }

    /** The findings on two resolutions of the file that differ only in the release variable. */
    static List<ComposeFinding> findings(Profile profile, Path file, JsonNode first, JsonNode second) {
        ComposeSpec spec = profile.compose();
        List<ComposeFinding> findings = new ArrayList<>();
        Set<String> services = new LinkedHashSet<>();
        first.path("services").fieldNames().forEachRemaining(services::add);
        Map<String, String> roles = new LinkedHashMap<>();
        roles.put(spec.database(), "compose.database");
        spec.services().forEach(service -> roles.putIfAbsent(service, "compose.services"));
        if (spec.migrate() != null) {
            roles.putIfAbsent(spec.migrate(), "compose.migrate");
        }
        roles.putIfAbsent(spec.entry(), "compose.entry");
        roles.forEach((service, key) -> {
            if (!services.contains(service)) {
                findings.add(unknownService(profile, file, service, key, services));
            }
        });
        List<String> releaseServices = new ArrayList<>(spec.services());
        if (spec.migrate() != null) {
            releaseServices.add(spec.migrate());
        }
        for (String service : releaseServices) {
            if (!services.contains(service)) {
                continue;
            }
            String image = first.path("services").path(service).path("image").asText("");
            String other = second.path("services").path(service).path("image").asText("");
            if (!image.isEmpty() && image.equals(other)) {
                findings.add(imageIgnoresRelease(file, service, image, spec.release()));
            }
        }
        if (services.contains(spec.entry())) {
            port(file, spec.entry(), first.path("services").path(spec.entry()), spec.port(), "the service's port")
                    .ifPresent(findings::add);
        }
        if (services.contains(spec.database())) {
            port(file, spec.database(), first.path("services").path(spec.database()), POSTGRES_PORT, "the database's port")
                    .ifPresent(findings::add);
        }
        for (String service : spec.services()) {
            if (services.contains(service) && !hasHealthcheck(first.path("services").path(service))) {
                findings.add(new ComposeFinding(Severity.WARNING, Kind.NO_HEALTHCHECK, file, service,
                        "declares no container healthcheck, so Docker cannot tell when it is ready; Tollgate waits until GET "
                                + profile.service().health() + " answers from the container instead.",
                        "nothing is needed; to let Docker (and depends_on: condition: service_healthy) know too, add "
                                + "healthcheck: {test: [\"CMD-SHELL\", \"curl -fsS http://127.0.0.1:" + spec.port()
                                + profile.service().health() + "\"]} (with a probe the image has)."));
            }
        }
        return List.copyOf(findings);
    }

    /**
     * Fails when a service the profile names is not among {@code services} (the compose file's):
     * before anything starts, with the names there are, instead of a compose command's "No such service".
     */
    static void requireServices(Profile profile, Path file, java.util.Collection<String> services) {
        ComposeSpec spec = profile.compose();
        List<String> named = new ArrayList<>(List.of(spec.database()));
        named.addAll(spec.services());
        if (spec.migrate() != null) {
            named.add(spec.migrate());
        }
        named.add(spec.entry());
        Set<String> known = new LinkedHashSet<>(services);
        List<String> problems = named.stream().distinct().filter(service -> !known.contains(service))
                .map(service -> unknownService(profile, file, service, key(spec, service), known).toString()).toList();
        if (!problems.isEmpty()) {
            throw new TollgateException(ErrorCode.LOAD_PROFILE_INVALID, String.join("\n", problems));
        }
    }

    private static String key(ComposeSpec spec, String service) {
        return service.equals(spec.database()) ? "compose.database" : spec.services().contains(service) ? "compose.services"
                : service.equals(spec.migrate()) ? "compose.migrate" : "compose.entry";
    }

    private static ComposeFinding unknownService(Profile profile, Path file, String service, String key, Set<String> services) {
        String where = profile.source() == null ? "the profile" : profile.source().toString();
        return new ComposeFinding(Severity.ERROR, Kind.UNKNOWN_SERVICE, file, service, key + " in " + where + " names '"
                + service + "', but the compose file has no such service (it has: " + String.join(", ", services) + ").",
                "name one of " + String.join(", ", services) + " in " + key + ", or call the service '" + service
                        + "' in the compose file.");
    }

    private static ComposeFinding imageIgnoresRelease(Path file, String service, String image, String variable) {
        String line = ComposeFileLines.imageLine(file, service).map(found -> " (" + file.getFileName() + ":" + found.number()
                + ": " + found.text().strip() + ")").orElse("");
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        String repository = colon > slash ? image.substring(0, colon) : image;
        return new ComposeFinding(Severity.ERROR, Kind.IMAGE_IGNORES_RELEASE, file, service, "runs image " + image
                + " whatever release is asked for: its image: line" + line + " does not use ${" + variable
                + "}, so an upgrade would leave the release before running and report the new one up.",
                "put the release variable into the image: line, e.g. image: " + repository + ":${" + variable + "}.");
    }

    private static java.util.Optional<ComposeFinding> port(Path file, String service, JsonNode node, int port, String what) {
        PublishedPort published = PublishedPort.of(node.path("ports"), port);
        String fix = "add ports: [\"127.0.0.1::" + port + "\"] to service " + service
                + " (a free loopback port Docker picks; the harness reads which).";
        return switch (published) {
            case LOOPBACK -> java.util.Optional.empty();
            case NONE -> java.util.Optional.of(new ComposeFinding(Severity.ERROR, Kind.PORT_NOT_PUBLISHED, file, service,
                    "does not publish container port " + port + " (" + what + "), so the harness cannot reach it.", fix));
            case ALL_INTERFACES -> java.util.Optional.of(new ComposeFinding(Severity.WARNING, Kind.PORT_NOT_LOOPBACK, file,
                    service, "publishes container port " + port + " (" + what + ") on every interface, so other machines "
                            + "reach it too while a rehearsal runs.", "publish it on loopback only: " + fix));
        };
    }

    private static boolean hasHealthcheck(JsonNode service) {
        JsonNode healthcheck = service.path("healthcheck");
        if (healthcheck.isMissingNode() || healthcheck.isNull() || healthcheck.path("disable").asBoolean(false)) {
            return false;
        }
        JsonNode test = healthcheck.path("test");
        String first = test.isArray() && test.size() > 0 ? test.get(0).asText() : test.asText("");
        return !"NONE".equals(first);
    }

    private static JsonNode config(ComposeCli cli, Profile profile, Path file, String release) {
        ComposeSpec spec = profile.compose();
        Map<String, String> env = new LinkedHashMap<>();
        // What the runtime sets itself; the values only need to exist for Compose to resolve the file.
        spec.env().keySet().forEach(key -> env.put(key, "check"));
        env.put("POSTGRES_USER", spec.user());
        env.put("POSTGRES_PASSWORD", "check");
        env.put("POSTGRES_DB", profile.database().name());
        env.put(Constants.RUN_ID_ENV, "check");
        env.put(spec.release(), release);
        List<String> command = new ArrayList<>(cli.program());
        command.addAll(List.of("-f", file.toString(), "config"));
        ComposeCli.Result result = ComposeCli.run(command, env, file.getParent(), Duration.ofMinutes(1));
        if (result.exitCode() != 0) {
            throw new TollgateException(ErrorCode.LOAD_PROFILE_INVALID, file + ": '" + String.join(" ", cli.program())
                    + " config' cannot read it (exit code " + result.exitCode() + "):\n" + result.output().strip());
        }
        try {
            return YAML.readTree(ComposeProject.yamlOf(result.output()));
        } catch (IOException e) {
            throw new TollgateException(ErrorCode.LOAD_PROFILE_INVALID, "Cannot read the resolved compose file " + file
                    + ": " + e.getMessage(), e);
        }
    }

    /** How a service publishes a container port, read from {@code config}'s short or long port syntax. */
    enum PublishedPort {
        LOOPBACK, ALL_INTERFACES, NONE;

        static PublishedPort of(JsonNode ports, int port) {
            PublishedPort found = NONE;
            for (JsonNode entry : ports) {
                String hostIp;
                String target;
                if (entry.isObject()) {
                    // long syntax (Compose v2's config): {target, published, host_ip, protocol}
                    target = entry.path("target").asText("");
                    hostIp = entry.path("host_ip").asText("");
                } else {
                    // short syntax (Compose v1's config): [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]
                    String text = entry.asText("").replaceAll("/(tcp|udp|sctp)$", "");
                    int last = text.lastIndexOf(':');
                    target = text.substring(last + 1);
                    String host = last < 0 ? "" : text.substring(0, last);
                    int hostColon = host.lastIndexOf(':');
                    hostIp = hostColon < 0 ? "" : host.substring(0, hostColon);
                }
                if (!target.equals(Integer.toString(port))) {
                    continue;
                }
                if (hostIp.equals("127.0.0.1") || hostIp.equals("::1") || hostIp.equals("[::1]") || hostIp.equals("localhost")) {
                    return LOOPBACK;
                }
                found = ALL_INTERFACES;
            }
            return found;
        }
    }
}
