package dev.tollgate.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;

import org.apiguardian.api.API;

/**
 * State a service keeps outside PostgreSQL that an upgrade must not lose: an embedded store, host keys,
 * uploaded files. Snapshots fingerprint it, backups copy it while the service is stopped, restores put
 * it back, and the {@code data} check reports files lost or changed since a snapshot.
 *
 * <pre>
 * state:
 *   hostkeys: { directory: "${service.dataDir}/ssh" }
 * </pre>
 *
 * @param directory the directory that holds it, with variables: {@code ${service.dataDir}} is a
 *                  directory of the run's own that the runtime provides, empty at the start of the run
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record StateSpec(String directory) {

    public StateSpec {
        Objects.requireNonNull(directory, "directory must not be null: say where the state is kept, like"
                + " { directory: \"${service.dataDir}/ssh\" }");
    }
}
