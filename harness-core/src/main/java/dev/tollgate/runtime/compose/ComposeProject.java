package dev.tollgate.runtime.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;

/**
 * One compose project: a compose file, an explicit project name (so scenarios are isolated and may
 * run side by side), the variables the file reads, and an override file Tollgate writes so every
 * service, volume and network carries the run's labels — whatever the user's compose file says.
 */
final class ComposeProject {

    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final ComposeCli cli;
    private final String name;
    private final Path file;
    private final Path override;
    private final Map<String, String> labels;
    private final Map<String, String> env = new LinkedHashMap<>();

    ComposeProject(ComposeCli cli, String name, Path file, Path override, Map<String, String> labels, Map<String, String> env) {
        this.cli = cli;
        this.name = name;
        this.file = file;
        this.override = override;
        this.labels = Map.copyOf(labels);
        this.env.putAll(env);
    }

    String name() {
        return name;
    }

    /** Sets a variable the compose file reads, for the commands that follow. */
    synchronized void set(String variable, String value) {
        env.put(variable, value);
    }

    /**
     * Writes the labelling override, from the services, volumes and networks of the resolved compose
     * file, and returns the names of its services. Binds of the profile's files are re-pointed at
     * their copies on the engine where it does not see this machine's files ({@link ProfileFiles}).
     */
    List<String> writeOverride(ProfileFiles files) {
        List<String> names = new ArrayList<>();
        JsonNode config = readConfig();
        ObjectNode root = YAML.createObjectNode();
        ObjectNode services = root.putObject("services");
        config.path("services").fieldNames().forEachRemaining(service -> {
            names.add(service);
            ObjectNode node = services.putObject(service);
            label(node);
            List<String> images = new ArrayList<>(List.of(config.path("services").path(service).path("image").asText("")));
            config.path("services").forEach(other -> images.add(other.path("image").asText("")));
            List<String> rebound = files.rebind(service, config.path("services").path(service), images);
            if (!rebound.isEmpty()) {
                rebound.forEach(node.putArray("volumes")::add);
            }
        });
        ObjectNode volumes = root.putObject("volumes");
        config.path("volumes").fieldNames().forEachRemaining(volume -> {
            if (!config.path("volumes").path(volume).path("external").asBoolean(false)) {
                label(volumes.putObject(volume));
            }
        });
        ObjectNode networks = root.putObject("networks");
        label(networks.putObject("default"));
        config.path("networks").fieldNames().forEachRemaining(network -> {
            if (!config.path("networks").path(network).path("external").asBoolean(false)) {
                label(networks.putObject(network));
            }
        });
        if (volumes.isEmpty()) {
            root.remove("volumes");
        }
        try {
            Files.writeString(override, YAML.writeValueAsString(root));
        } catch (IOException e) {
            throw new TollgateException(ErrorCode.RUNTIME_IO, "Cannot write " + override + ": " + e.getMessage(), e);
        }
        return names;
    }

    /** The image each service names, as the compose file resolves with the variables set now and {@code variables} over them. */
    Map<String, String> images(Map<String, String> variables) {
        Map<String, String> images = new LinkedHashMap<>();
        JsonNode services = readConfig(variables).path("services");
        services.fieldNames().forEachRemaining(service -> images.put(service, services.path(service).path("image").asText("")));
        return images;
    }

    private void label(ObjectNode node) {
        ObjectNode labelNode = node.putObject("labels");
        labels.forEach(labelNode::put);
    }

    private JsonNode readConfig() {
        return readConfig(Map.of());
    }

    private JsonNode readConfig(Map<String, String> variables) {
        String output = check(List.of("config"), false, variables);
        try {
            return YAML.readTree(yamlOf(output));
        } catch (IOException e) {
            throw new TollgateException(ErrorCode.RUNTIME_COMPOSE_FAILED, "Cannot read the resolved compose file "
                    + file + ": " + e.getMessage(), e);
        }
    }

    /** The resolved file out of {@code config}'s output: Compose may print warnings before it. */
    static String yamlOf(String output) {
        return output.substring(firstYamlLine(output));
    }

    /** Compose may print warnings before the YAML; the YAML starts at the first top-level key. */
    private static int firstYamlLine(String output) {
        int index = 0;
        for (String line : output.split("\n", -1)) {
            if (line.matches("^(name|services|networks|volumes|version|secrets|configs):.*")) {
                return index;
            }
            index += line.length() + 1;
        }
        return 0;
    }

    /** {@code up -d --no-deps SERVICES}: (re)creates just these services, as their configuration now says. */
    void up(List<String> services) {
        List<String> args = new ArrayList<>(List.of("up", "-d", "--no-deps"));
        args.addAll(services);
        check(args, true);
    }

    /**
     * A one-off container of {@code service} that runs to its end; returns its output, or fails with it.
     *
     * @param variables the compose file's variables for this command only, over those set (a release)
     */
    ComposeCli.Result runOnce(String service, Map<String, String> variables, Map<String, String> extraEnv, List<String> command) {
        List<String> args = new ArrayList<>(List.of("run", "--rm", "--no-deps", "-T"));
        labels.forEach((key, value) -> args.addAll(List.of("-l", key + "=" + value)));
        extraEnv.forEach((key, value) -> args.addAll(List.of("-e", key + "=" + value)));
        args.add(service);
        args.addAll(command);
        return ComposeCli.run(command(args, true), env(variables), file.getParent(), COMMAND_TIMEOUT);
    }

    /**
     * A one-off container of {@code service} started in the background under {@code containerName}.
     *
     * @param variables the compose file's variables for this command only, over those set (a release)
     */
    void runDetached(String service, String containerName, Map<String, String> variables, Map<String, String> extraEnv) {
        List<String> args = new ArrayList<>(List.of("run", "-d", "--no-deps", "--name", containerName));
        labels.forEach((key, value) -> args.addAll(List.of("-l", key + "=" + value)));
        extraEnv.forEach((key, value) -> args.addAll(List.of("-e", key + "=" + value)));
        args.add(service);
        check(args, true, variables);
    }

    /** The id of the service's container, if one exists. */
    Optional<String> containerId(String service) {
        return check(List.of("ps", "-q", service), true).lines().map(String::strip)
                .filter(line -> line.matches("[0-9a-f]{12,64}")).findFirst();
    }

    /** Where a published container port is reached from this machine, as {@code host:port}. */
    String publishedPort(String service, int containerPort) {
        String answer = check(List.of("port", service, Integer.toString(containerPort)), true).lines()
                .map(String::strip).filter(line -> line.matches(".*:\\d+$")).reduce((first, last) -> last).orElse("");
        if (answer.isEmpty() || answer.endsWith(":0")) {
            throw new TollgateException(ErrorCode.RUNTIME_COMPOSE_FAILED, "Service '" + service + "' of " + file
                    + " does not publish port " + containerPort + ". Add ports: [\"127.0.0.1::" + containerPort
                    + "\"] to it, so the harness can reach it.");
        }
        return answer.replace("0.0.0.0:", "127.0.0.1:");
    }

    private String check(List<String> args, boolean withOverride) {
        return check(args, withOverride, Map.of());
    }

    private String check(List<String> args, boolean withOverride, Map<String, String> variables) {
        List<String> command = command(args, withOverride);
        ComposeCli.Result result = ComposeCli.run(command, env(variables), file.getParent(), COMMAND_TIMEOUT);
        if (result.exitCode() != 0) {
            throw new TollgateException(ErrorCode.RUNTIME_COMPOSE_FAILED, "'" + String.join(" ", args) + "' of compose project "
                    + name + " (" + file + ") failed with exit code " + result.exitCode() + ":\n" + result.output().strip());
        }
        return result.output();
    }

    private List<String> command(List<String> args, boolean withOverride) {
        List<String> command = new ArrayList<>(cli.program());
        command.addAll(List.of("-p", name, "-f", file.toString()));
        if (withOverride) {
            command.addAll(List.of("-f", override.toString()));
        }
        command.addAll(args);
        return command;
    }

    private synchronized Map<String, String> env(Map<String, String> variables) {
        Map<String, String> snapshot = new LinkedHashMap<>(env);
        snapshot.putAll(variables);
        return snapshot;
    }
}
