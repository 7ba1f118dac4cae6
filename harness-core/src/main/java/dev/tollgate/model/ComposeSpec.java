package dev.tollgate.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apiguardian.api.API;

/**
 * How the {@code compose} runtime deploys the service: a compose file and the roles of its services.
 *
 * <pre>{@code
 * compose:
 *   file: docker-compose.yml     # relative to the profile's directory
 *   database: db                 # the PostgreSQL service (official postgres image contract)
 *   services: [app-1, app-2]     # run the release; upgraded one at a time, in this order
 *   migrate: migrate             # optional: a one-off service that migrates before the services roll
 *   entry: proxy                 # where the harness sends requests (default: the first service)
 *   port: 8080                   # the entry's container port, published on 127.0.0.1
 *   release: SAMPLE_RELEASE      # the variable the compose file reads the release's image tag from
 *   probe: { path: /health, interval: 50ms }   # optional: requests through the entry while upgrading
 *   prepare: [../images/build-images.sh]       # optional: run once before the project starts (builds images)
 *   pause: 2s                    # between two services of a rolling upgrade, for the proxy to take the new one in
 * }</pre>
 *
 * @param file     the compose file, relative to the profile's directory
 * @param database the service that runs PostgreSQL
 * @param services the services that run the release, in upgrade order
 * @param migrate  a one-off service run with the new release before the services are replaced, or null
 * @param entry    the service the harness reaches the release through
 * @param port     the entry's container port; the release services listen on it too, and each container's
 *                 health endpoint is asked there (on its published port, or its address on the compose network)
 * @param release  the environment variable that selects the release's image in the compose file
 * @param user     the database superuser (POSTGRES_USER); its password is made up per run
 * @param env      further variables for the compose file
 * @param probe    requests sent through the entry during an upgrade, or null for none
 * @param prepare  a command run in the profile's directory before anything starts, or empty
 * @param pause    how long to wait after a service of the release is healthy before replacing the next one
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ComposeSpec(String file, String database, List<String> services, String migrate, String entry,
        Integer port, String release, String user, Map<String, String> env, Probe probe,
        List<String> prepare, Duration pause) {

    public ComposeSpec {
        file = file == null ? "docker-compose.yml" : file;
        database = database == null ? "db" : database;
        services = services == null || services.isEmpty() ? List.of("app") : List.copyOf(services);
        entry = entry == null ? services.get(0) : entry;
        port = port == null ? 8080 : port;
        release = release == null ? "SAMPLE_RELEASE" : release;
        user = user == null ? "tollgate" : user;
        env = env == null ? Map.of() : Map.copyOf(env);
        prepare = prepare == null ? List.of() : List.copyOf(prepare);
        pause = pause == null ? Duration.ZERO : pause;
    }

    /**
     * A request sent through the entry again and again while an upgrade rolls, to measure what users see.
     *
     * @param path     the path requested
     * @param token    a bearer token, if the path needs one; never reported
     * @param interval the pause between requests
     */
    public record Probe(String path, String token, Duration interval) {

        public Probe {
            Objects.requireNonNull(path, "compose.probe.path must not be null");
            interval = interval == null ? Duration.ofMillis(50) : interval;
        }
    }
}
