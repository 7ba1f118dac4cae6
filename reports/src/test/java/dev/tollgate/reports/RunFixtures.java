package dev.tollgate.reports;

/** run.json as the engine writes it, for the upgrade rehearsal. */
final class RunFixtures {

    static final String PASSING_VERSION = """
            { "name": "version", "type": "version", "area": "HEALTH_VERSION", "status": "PASSED", "message": "reports release '1.1.0' and schema version '6'" }""";

    static final String FAILING_VERSION = """
            { "name": "version", "type": "version", "area": "HEALTH_VERSION", "status": "FAILED",
              "message": "expected the service to report release '1.1.0-bad-version' in field 'version'; it reported '1.0.0'" }""";

    private RunFixtures() {
    }

    static String upgrade(String candidate, String candidateVersionCheck) {
        String status = candidateVersionCheck.contains("FAILED") ? "FAILED" : "PASSED";
        return """
                {
                  "format": 3, "tollgateVersion": "development", "profile": "local", "previous": "1.0.0", "candidate": "%s",
                  "startedAt": "2026-01-01T10:00:00Z", "finishedAt": "2026-01-01T10:00:09Z",
                  "suites": [ {
                    "name": "upgrade-from-previous", "file": "%s", "tags": ["release-gate", "upgrade"],
                    "steps": [
                      %s,
                      %s,
                      %s,
                      %s,
                      %s,
                      %s,
                      %s,
                      %s
                    ]
                  } ]
                }
                """.formatted(candidate, FILE,
                step("install-previous", "install 1.0.0", "install", 7, "PASSED", ""),
                step("line-9", "check health, ready, version", "check", 9, "PASSED", checks(PASSED_HEALTH, PASSED_READY,
                        PASSING_VERSION.replace("1.1.0", "1.0.0"))),
                step("line-10", "backup before-upgrade", "backup", 10, "PASSED", ""),
                step("upgrade", "upgrade " + candidate, "upgrade", 11, "PASSED", ""),
                step("line-13", "check health, ready, version, migrations, convergence, safety, data", "check", 13, status,
                        checks(PASSED_HEALTH, PASSED_READY, candidateVersionCheck, passed("migrations"), passed("convergence"),
                                passed("safety").replace("is fine", "backward-safe: 3 change(s)"), passed("data"))),
                step("line-14", "check logs", "check", 14, "PASSED", checks(PASSED_LOGS)),
                // The code rollback probe: the previous release on the migrated database.
                step("code-rollback", "rollback 1.0.0", "rollback", 15, "PASSED", ""),
                step("line-16", "check health", "check", 16, "PASSED", checks(PASSED_HEALTH)));
    }

    private static final String FILE = "/work/suites/src/suites/upgrade-from-previous.suite.yaml";
    private static final String PASSED_HEALTH = """
            { "name": "health", "type": "health", "area": "HEALTH_VERSION", "status": "PASSED", "message": "GET /health answered 200" }""";
    private static final String PASSED_READY = """
            { "name": "ready", "type": "ready", "area": "HEALTH_VERSION", "status": "PASSED", "message": "GET /ready answered 200" }""";
    private static final String PASSED_LOGS = """
            { "name": "logs", "type": "logs", "status": "PASSED", "message": "no line matches" }""";

    private static String passed(String type) {
        String area = dev.tollgate.check.CheckRegistry.discover().find(type).flatMap(dev.tollgate.check.CheckType::area)
                .map(Enum::name).map(name -> "\"" + name + "\"").orElse("null");
        return """
                { "name": "%s", "type": "%s", "area": %s, "status": "PASSED", "message": "%s is fine" }""".formatted(type, type, area, type);
    }

    private static String checks(String... checks) {
        return String.join(", ", checks);
    }

    private static String step(String id, String name, String kind, int line, String status, String checks) {
        return """
                { "id": "%s", "idDeclared": %s, "name": "%s", "kind": "%s", "position": "%s:%d:5", "status": "%s", "message": "",
                  "durationMillis": 100, "checks": [ %s ] }""".formatted(id, !id.startsWith("line-"), name, kind, FILE, line,
                status, checks);
    }
}
