package dev.tollgate.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Where a service reports what it is.
 *
 * @param path    the version endpoint
 * @param release the JSON field that holds the release version
 * @param schema  the JSON field that holds the newest applied schema migration
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record VersionSpec(String path, String release, String schema) {

    public VersionSpec {
        path = path == null ? "/api/v1/version" : path;
        release = release == null ? "version" : release;
        schema = schema == null ? "schemaVersion" : schema;
    }

    static VersionSpec defaults() {
        return new VersionSpec(null, null, null);
    }
}
