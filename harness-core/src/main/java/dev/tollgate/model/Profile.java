package dev.tollgate.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apiguardian.api.API;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * How the system under test is deployed: a runtime and its settings, read from a
 * {@code profile.yaml}.
 *
 * @param name     the profile's name, as users select it ({@code local}, {@code quickstart}, …)
 * @param runtime  which runtime deploys it: {@code local} or {@code compose}
 * @param database the database the service keeps its state in
 * @param service  how a release of the service is started and observed
 * @param subjects who requests may be sent as, by name (authorization matrices, {@code http}'s {@code as:})
 * @param authz    how the service answers authorization questions (denial statuses, audit, explain, routes)
 * @param compose  for {@code runtime: compose}: the compose file and its services; absent otherwise
 * @param target   for {@code runtime: remote}: where the deployment runs; absent otherwise
 * @param state    state the service keeps outside PostgreSQL, by name ({@code hostkeys}, {@code store})
 * @param defaults the releases a run rehearses when it names none ({@code defaults: { previous, candidate }})
 * @param secrets  header names, fields and environment variables to mask beyond the defaults
 * @param requestId the header requests are correlated by (default {@code X-Request-Id})
 * @param versions deprecated, replaced by {@code releases:}: what each release reports as its version, by
 *                 release id, where the two differ ({@code 3.5.0-open: 3.5.0}); a release not named reports its id
 * @param releases the releases the profile knows, each with its reported version, file or image ({@code releases:});
 *                 none: any release id is rehearsed as given
 * @param codeRollback what the previous release may log on the upgraded database that the verdict states
 *                 as a warning ({@code codeRollback: { warnings: [...] }}); defaults when absent (since 0.2)
 * @param matrix   the upgrade paths a run rehearses when it names no previous release
 *                 ({@code matrix: { previous: [1.0.0, 1.1.0] }}); empty: the {@code defaults:} one
 * @param source   the file the profile was read from, for messages; not part of the YAML
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Profile(String name, String runtime, DatabaseSpec database, ServiceSpec service,
        @JsonIgnore Path source, Map<String, SubjectSpec> subjects, AuthzSpec authz, ComposeSpec compose,
        TargetSpec target, Map<String, StateSpec> state, ReleaseDefaults defaults, SecretsSpec secrets, RequestIdSpec requestId, Map<String, String> versions,
        Releases releases, CodeRollbackSpec codeRollback, MatrixSpec matrix) {

    public Profile {
        Objects.requireNonNull(name, "name must not be null");
        runtime = runtime == null ? "local" : runtime;
        database = database == null ? DatabaseSpec.defaults() : database;
        Objects.requireNonNull(service, "service must not be null");
        subjects = subjects == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(subjects));
        authz = authz == null ? AuthzSpec.defaults() : authz;
        state = state == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(state));
        defaults = defaults == null ? ReleaseDefaults.NONE : defaults;
        secrets = secrets == null ? SecretsSpec.defaults() : secrets;
        requestId = requestId == null ? RequestIdSpec.defaults() : requestId;
        versions = versions == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(versions));
        releases = releases == null ? Releases.NONE : releases;
        codeRollback = codeRollback == null ? CodeRollbackSpec.defaults() : codeRollback;
        matrix = matrix == null ? MatrixSpec.NONE : matrix;
        if (!versions.isEmpty() && !releases.isEmpty()) {
            throw new IllegalArgumentException("versions: is replaced by releases: and cannot be used beside it; move each"
                    + " entry under its release, like releases: { " + versions.keySet().iterator().next() + ": { version: "
                    + versions.values().iterator().next() + " } }");
        }
        checkImages(runtime, releases);
        for (String id : java.util.Arrays.asList(defaults.previous(), defaults.candidate())) {
            if (id != null && !releases.isEmpty() && !releases.ids().contains(id)) {
                throw new IllegalArgumentException("defaults: names release " + id + ", which releases: does not list ("
                        + String.join(", ", releases.ids()) + "); add it there or name a listed one");
            }
        }
        if (!state.isEmpty() && !runtime.equals("local")) {
            throw new IllegalArgumentException("state: is supported on runtime: local, which backs it up and restores it;"
                    + " runtime " + runtime + " cannot yet");
        }
        BackupStrategy backup = database.backup();
        if (backup != null && backup != BackupStrategy.PG_DUMP && !runtime.equals("local")) {
            throw new IllegalArgumentException("database.backup: " + backup.key() + " is supported on runtime: local, which runs"
                    + " the database server itself; runtime " + runtime + " backs up with pg_dump in the database container."
                    + " Write backup: pg_dump or remove the line");
        }
        if (runtime.equals("compose") && compose == null) {
            throw new IllegalArgumentException("a profile with runtime: compose needs a compose: section (file, database, services)");
        }
        if (runtime.equals("remote") && target == null) {
            throw new IllegalArgumentException("a profile with runtime: remote needs a target: section (url, and"
                    + " optionally database), like target: { url: \"${tollgate.target.url}\" }");
        }
        if (runtime.equals("local") && service.command().isEmpty()) {
            throw new IllegalArgumentException("service.command must not be null: runtime " + runtime
                    + " starts the service with it");
        }
    }

    public Profile(String name, String runtime, DatabaseSpec database, ServiceSpec service, Path source) {
        this(name, runtime, database, service, source, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public Profile(String name, String runtime, DatabaseSpec database, ServiceSpec service, Path source,
            Map<String, SubjectSpec> subjects, AuthzSpec authz, ComposeSpec compose, TargetSpec target) {
        this(name, runtime, database, service, source, subjects, authz, compose, target, null, null, null, null, null, null, null, null);
    }

    public Profile(String name, String runtime, DatabaseSpec database, ServiceSpec service, Path source,
            Map<String, SubjectSpec> subjects, AuthzSpec authz, ComposeSpec compose) {
        this(name, runtime, database, service, source, subjects, authz, compose, null, null, null, null, null, null, null, null, null);
    }

    /** What {@code release} reports as its version: its {@code releases:} entry's version, else its id. */
    public String reportedVersion(String release) {
        return releases.find(release).map(ReleaseSpec::version).orElseGet(() -> versions.getOrDefault(release, release));
    }

    // An image is what a compose file runs; and the release variable carries either images or ids, never a mix.
    private static void checkImages(String runtime, Releases releases) {
        List<String> withImage = releases.byId().entrySet().stream().filter(entry -> entry.getValue().image() != null)
                .map(Map.Entry::getKey).toList();
        if (withImage.isEmpty()) {
            return;
        }
        if (!runtime.equals("compose")) {
            throw new IllegalArgumentException("releases." + withImage.get(0) + ".image: an image is for runtime: compose;"
                    + " a release of runtime " + runtime + " comes from its file: (started as ${release.file})");
        }
        List<String> without = releases.ids().stream().filter(id -> !withImage.contains(id)).toList();
        if (!without.isEmpty()) {
            throw new IllegalArgumentException("releases: " + String.join(", ", without) + " name no image: while "
                    + String.join(", ", withImage) + " do; the compose file's release variable carries either every"
                    + " release's image or every release's id, so give each release an image:");
        }
    }

    /** Whether the deployment is one Tollgate did not make and must not change ({@code runtime: remote}). */
    public boolean remote() {
        return runtime.equals("remote");
    }

    public Profile withService(ServiceSpec other) {
        return new Profile(name, runtime, database, other, source, subjects, authz, compose, target, state, defaults, secrets, requestId, versions, releases, codeRollback, matrix);
    }

    public Profile withDatabase(DatabaseSpec other) {
        return new Profile(name, runtime, other, service, source, subjects, authz, compose, target, state, defaults, secrets, requestId, versions, releases, codeRollback, matrix);
    }

    public Profile withSource(Path file) {
        return new Profile(name, runtime, database, service, file, subjects, authz, compose, target, state, defaults, secrets, requestId, versions, releases, codeRollback, matrix);
    }

    public Profile withSubjects(Map<String, SubjectSpec> other) {
        return new Profile(name, runtime, database, service, source, other, authz, compose, target, state, defaults, secrets, requestId, versions, releases, codeRollback, matrix);
    }

    public Profile withAuthz(AuthzSpec other) {
        return new Profile(name, runtime, database, service, source, subjects, other, compose, target, state, defaults, secrets, requestId, versions, releases, codeRollback, matrix);
    }

    public Profile withState(Map<String, StateSpec> other) {
        return new Profile(name, runtime, database, service, source, subjects, authz, compose, target, other, defaults, secrets, requestId, versions, releases, codeRollback, matrix);
    }

    public Profile withReleases(Releases other) {
        return new Profile(name, runtime, database, service, source, subjects, authz, compose, target, state, defaults, secrets, requestId, versions, other, codeRollback, matrix);
    }

    /** The profile file for messages, or its name when it was not read from a file. */
    public String describe() {
        return source == null ? "profile '" + name + "'" : source.toString();
    }
}
