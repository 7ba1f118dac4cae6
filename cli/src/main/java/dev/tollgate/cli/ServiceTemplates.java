package dev.tollgate.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The files {@code tollgate init} writes for a service: text, so the comments that tell a maintainer
 * what to fill in survive (a YAML writer would drop them). Every suite validates as written; the
 * TODOs mark what only the service's maintainer knows.
 */
final class ServiceTemplates {

    private ServiceTemplates() {
    }

    static String projectFile(String name) {
        return """
                # A Tollgate project: 'tollgate run' anywhere below this directory uses these defaults.
                name: %s
                profile: local
                profiles: profiles
                suites: suites
                out: tollgate-out
                # Variables for profiles and suites; ${project.dir} is this directory.
                # variables:
                #   service.jar: "${project.dir}/build/service.jar"
                """.formatted(name);
    }

    static String profile(List<String> command, String portEnv, String urlEnv, String userEnv, String passwordEnv,
            String databaseName, String health, String ready, String versionPath, String versionField) {
        String words = command.stream().map(word -> "    - " + quote(word)).collect(Collectors.joining("\n"));
        return """
                # How one release of the service is started: on an embedded PostgreSQL (no Docker), as a
                # process on a free loopback port. Variables Tollgate provides when it starts a release:
                # ${release}, ${service.port}, ${service.host}, ${database.url} (JDBC), ${database.host},
                # ${database.port}, ${database.name}, ${database.user}, ${database.password}, ${project.dir}.
                name: local
                runtime: local

                database:
                  name: %s
                  port: 0

                service:
                  command:
                %s
                  env:
                    %s: ${service.port}
                    %s: ${database.url}
                    %s: ${database.user}
                    %s: ${database.password}
                  port: 0
                  startTimeout: 120s
                  stopTimeout: 20s
                  health: %s
                %s%s
                # Who requests are sent as: the authorization matrix and http checks (as: admin) name them.
                # TODO: give each subject a credential your service accepts; tokens come from the
                # environment (export TOLLGATE_ADMIN_TOKEN=…), never from a file in the repository.
                subjects:
                  admin:     { name: admin, token: "${TOLLGATE_ADMIN_TOKEN}", generate: true }
                  anonymous: { anonymous: true }

                # The releases this profile knows (optional): each one's file, relative to this directory, is
                # checksummed into release-readiness.json and may be started as ${release.file}; version: is what
                # it reports where that differs from its id. A run naming a release not listed stops at once.
                # releases:
                #   1.0.0: { file: ../../releases/app-1.0.0.jar }
                #   1.1.0-rc1: { file: ../../releases/app-1.1.0-rc1.jar, version: 1.1.0 }
                # defaults: { previous: 1.0.0, candidate: 1.1.0-rc1 }
                """.formatted(databaseName, words, portEnv, urlEnv, userEnv, passwordEnv, quote(health),
                ready == null ? "" : "  ready: " + quote(ready) + "\n",
                versionPath == null ? "" : "  version:\n    path: " + quote(versionPath) + "\n    release: "
                        + quote(versionField) + "\n");
    }

    /** The suites, by path in the project. */
    static Map<Path, String> suites(boolean hasReady, boolean hasVersion) {
        String up = "[" + String.join(", ", checks(hasReady, hasVersion)) + "]";
        Map<Path, String> files = new LinkedHashMap<>();
        files.put(Path.of("suites/clean-install.suite.yaml"), """
                # A new operator's first day: an empty database and the candidate installed on it.
                suite: clean-install
                description: Install the candidate on an empty database; it must come up healthy.
                tags: [clean-install, release-gate]
                scenario:
                  - id: install-candidate
                    install: ${candidate}
                  - check: %s
                  - check: [migrations, logs]
                """.formatted(up));
        files.put(Path.of("suites/upgrade.suite.yaml"), """
                # Release day: the previous release running with its data, the candidate started on the same
                # database, then a code-only rollback to the previous release.
                suite: upgrade
                description: Upgrade the previous release's database to the candidate, with history, schema and data accounted for.
                tags: [upgrade, release-gate]
                scenario:
                  - id: install-previous
                    install: ${previous}
                  - check: %1$s
                  - id: seed
                    seed: fixtures/seed.yaml
                  - snapshot: before-upgrade
                  - backup: before-upgrade
                  - id: upgrade
                    upgrade: ${candidate}
                  - id: after-upgrade
                    check:
                      - health
                      - migrations: { since: before-upgrade }
                      - convergence
                      - safety: { since: before-upgrade }
                      - data: { since: before-upgrade }
                  - check: logs
                  - id: code-rollback
                    rollback: ${previous}
                  - check: %1$s
                """.formatted(up));
        files.put(Path.of("suites/rollback-restore.suite.yaml"), """
                # The way back when code rollback is not enough: the backup taken before the upgrade put back,
                # and the previous release started on it.
                suite: rollback-restore
                description: Upgrade, restore the pre-upgrade backup, start the previous release on it; data and history equal the snapshot.
                tags: [rollback, release-gate]
                scenario:
                  - id: install-previous
                    install: ${previous}
                  - id: seed
                    seed: fixtures/seed.yaml
                  - snapshot: before-upgrade
                  - backup: before-upgrade
                  - id: upgrade
                    upgrade: ${candidate}
                    onFailure: continue
                  - id: restore
                    restore: { backup: before-upgrade, release: "${previous}" }
                  - check: [health, { restore: { snapshot: before-upgrade } }]
                """);
        files.put(Path.of("suites/authz.suite.yaml"), """
                # Who may do what on the installed candidate: every route as every subject, allowed or denied.
                suite: authz
                description: Install the candidate and run the authorization matrix (subject × request → allow or deny).
                tags: [authz, release-gate]
                scenario:
                  - id: install-candidate
                    install: ${candidate}
                  - check: [health]
                  - id: authorization
                    check:
                      - authz: { matrix: authz/service.matrix.yaml }
                """);
        files.put(Path.of("suites/authz/service.matrix.yaml"), """
                # Subject × request → allow or deny. Subjects are the profile's (profiles/local/profile.yaml).
                # TODO: one case per route of your API, with the status a permitted request gets.
                cases:
                  - request: GET %s
                    status: 200
                    expect: "admin: allow; anonymous: allow"
                """.formatted("/"));
        files.put(Path.of("suites/fixtures/seed.yaml"), """
                # The data your users have by release day, written through the API as they would, so the
                # upgrade is rehearsed on it. Each entry is a request in the http check's form.
                # TODO: replace this read with the requests that create your service's data, e.g.
                # - http: { method: POST, path: /api/orders, as: admin, body: { item: book }, status: 201 }
                - http: { method: GET, path: "/", status: 200 }
                """);
        return files;
    }

    private static List<String> checks(boolean hasReady, boolean hasVersion) {
        return hasReady && hasVersion ? List.of("health", "ready", "version")
                : hasReady ? List.of("health", "ready") : hasVersion ? List.of("health", "version") : List.of("health");
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
