package dev.tollgate.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apiguardian.api.API;

/**
 * For {@code runtime: remote}: where a deployment Tollgate did not make already runs. Values are
 * templates, resolved when the run starts; an optional value whose variable is unset counts as absent.
 *
 * <pre>
 * target:
 *   url: ${tollgate.target.url}                 # the service's base URL (required)
 *   services:                                   # more services, by name, when there are several
 *     admin-api: ${tollgate.target.adminUrl}
 *   database:                                   # optional: read-only checks of the database
 *     url: ${tollgate.target.databaseUrl}       # jdbc:postgresql://host:5432/app
 *     user: ${TOLLGATE_DATABASE_USER}
 *     password: ${TOLLGATE_DATABASE_PASSWORD}   # from the environment, never -D
 * </pre>
 *
 * @param url      the base URL of the service the suites talk to
 * @param services base URLs of further services, by name
 * @param database the deployment's database, for read-only evidence; {@code null} when there is none
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record TargetSpec(String url, Map<String, String> services, Database database) {

    public TargetSpec {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("target.url must be given: the base URL of the deployment, e.g."
                    + " url: ${tollgate.target.url}");
        }
        services = services == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(services));
    }

    /**
     * The deployment's PostgreSQL as templates.
     *
     * @param url      a JDBC URL ({@code jdbc:postgresql://host:port/name}, optionally {@code ?user=…})
     * @param user     the user, if the URL does not name one
     * @param password the password; never written to reports
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public record Database(String url, String user, String password) {

        @Override
        public String toString() {
            return "Database[" + url + (user == null ? "" : " as " + user) + (password == null ? "" : ", password ***") + "]";
        }
    }
}
