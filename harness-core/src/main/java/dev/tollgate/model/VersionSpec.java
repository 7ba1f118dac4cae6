package dev.tollgate.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Where a service reports what it is. The version is read from one of: a JSON field of the
 * endpoint's answer (a dot path, {@code systemInfo.version}), a response header, or an SQL query.
 *
 * <pre>
 * version:
 *   path: /admin/serverinfo        # the version endpoint
 *   as: admin                      # a profile subject, when the endpoint needs one
 *   release: systemInfo.version    # JSON dot path of the reported version
 *   port: management               # a named port of service.ports, if not the main one
 * version: { path: /, header: X-App-Version }
 * version: { sql: "select version from app_info" }
 * </pre>
 *
 * @param path    the version endpoint
 * @param release the JSON dot path that holds the reported version
 * @param schema  the JSON dot path that holds the newest applied schema migration; not compared when absent
 *                (a profile without {@code version:} at all keeps the default {@code schemaVersion})
 * @param header  a response header that holds the reported version, instead of a JSON field
 * @param sql     a query whose first column of the first row is the reported version, instead of the endpoint
 * @param as      the subject the endpoint is asked as
 * @param port    the named port the endpoint listens on
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record VersionSpec(String path, String release, String schema, String header, String sql, String as, String port) {

    public VersionSpec {
        path = path == null ? "/api/v1/version" : path;
        release = release == null ? "version" : release;
        if (header != null && sql != null) {
            throw new IllegalArgumentException("version reads the reported version from a header or an sql query, not both");
        }
    }

    /** The earlier shape, for code: a schema field is compared, {@code schemaVersion} unless named. */
    public VersionSpec(String path, String release, String schema) {
        this(path, release, schema == null ? "schemaVersion" : schema, null, null, null, null);
    }

    static VersionSpec defaults() {
        return new VersionSpec(null, null, "schemaVersion");
    }
}
