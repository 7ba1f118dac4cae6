package dev.tollgate.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apiguardian.api.API;

/**
 * How one release of the service is started and observed. Values may hold variables
 * ({@code ${release}}, {@code ${database.url}}, {@code ${service.port}}, {@code ${java}}, system
 * properties and environment variables) that are resolved when a release starts.
 *
 * @param command      the command that starts a release and keeps running while it serves (not
 *                     used by the compose runtime, whose compose file says how)
 * @param env          environment variables for that command
 * @param port         the port the service listens on; {@code 0} picks a free loopback port per start
 * @param startTimeout how long a release may take to answer its health endpoint
 * @param stopTimeout  how long a release may take to stop after SIGTERM before it is killed
 * @param health       liveness endpoint path
 * @param ready        readiness endpoint path (database reachable, migrations current)
 * @param version      where the service reports its release and schema version
 * @param ports        more ports the service listens on, by name ({@code [management]}): each gets a free
 *                     loopback port per start, as {@code ${service.ports.NAME}} in the command and environment
 * @param healthPort   the named port {@code health} and {@code ready} are served on (a management port),
 *                     for the start-up wait and as those checks' default; the main port when absent
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ServiceSpec(List<String> command, Map<String, String> env, Integer port,
        Duration startTimeout, Duration stopTimeout, String health, String ready, VersionSpec version, List<String> ports,
        String healthPort) {

    public ServiceSpec {
        // A compose profile starts the service from its compose file: no command. Profile requires
        // one for the runtimes that launch the service themselves.
        command = command == null ? List.of() : List.copyOf(command);
        env = env == null ? Map.of() : Map.copyOf(env);
        port = port == null ? 0 : port;
        startTimeout = startTimeout == null ? Duration.ofSeconds(30) : startTimeout;
        stopTimeout = stopTimeout == null ? Duration.ofSeconds(10) : stopTimeout;
        health = health == null ? "/health" : health;
        ready = ready == null ? "/ready" : ready;
        version = version == null ? VersionSpec.defaults() : version;
        ports = ports == null ? List.of() : List.copyOf(ports);
        for (String name : ports) {
            if (!name.matches("[A-Za-z][A-Za-z0-9_-]*")) {
                throw new IllegalArgumentException("service.ports names ports, like [management]; '" + name
                        + "' is not a name (letters, digits, _ and -)");
            }
        }
        if (healthPort != null && !ports.contains(healthPort)) {
            throw new IllegalArgumentException("service.healthPort '" + healthPort + "' is not among service.ports "
                    + ports + "; add it, like ports: [" + healthPort + "]");
        }
    }

    /** The earlier shape: one port. */
    public ServiceSpec(List<String> command, Map<String, String> env, Integer port, Duration startTimeout,
            Duration stopTimeout, String health, String ready, VersionSpec version) {
        this(command, env, port, startTimeout, stopTimeout, health, ready, version, null, null);
    }

    public ServiceSpec withPort(int other) {
        return new ServiceSpec(command, env, other, startTimeout, stopTimeout, health, ready, version, ports, healthPort);
    }

    public ServiceSpec withStartTimeout(Duration other) {
        return new ServiceSpec(command, env, port, other, stopTimeout, health, ready, version, ports, healthPort);
    }
}
