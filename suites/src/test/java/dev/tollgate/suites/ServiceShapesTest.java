package dev.tollgate.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import dev.tollgate.api.Constants;

/**
 * A service shaped like Keycloak: health on a management port of its own, the version in a nested
 * document behind authentication, a release id ({@code 1.1.0-open}) that differs from the version it
 * reports ({@code 1.1.0}), an API key per subject, requests correlated by another header. The sample
 * service runs in that shape and a small suite checks it through the profile alone.
 */
class ServiceShapesTest {

    private static final String SUITE = """
            suite: shapes
            tags: [health]
            scenario:
              - install: ${candidate}
              - id: checks
                check:
                  - health                                              # on service.healthPort
                  - ready
                  - version                                             # service.version: nested, as viewer
                  - { version: { release: "${candidate.version}" } }
                  - http: { path: /health, port: management, status: 200 }
                  - http: { path: /health, status: 404 }                # not on the main port
                  - http: { path: /api/v1/missions, as: viewer, status: 200, expectHeaders: { x-correlation-id: "^tollgate-" } }
                  - { http: { path: "/api/v1/missions?release=${release}", as: viewer, status: 200 } }
            """;

    @TempDir
    Path work;

    @Test
    void healthOnAManagementPortAndANestedVersionBehindAuthPassAndAWrongVersionStillFails() throws Exception {
        Path profile = profile();
        Path suite = Files.writeString(work.resolve("shapes.suite.yaml"), SUITE);

        // Two runs side by side: each start gets ports of its own.
        CompletableFuture<TestExecutionSummary> open = CompletableFuture.supplyAsync(() -> run(profile, suite, "1.1.0-open", "open"));
        CompletableFuture<TestExecutionSummary> stale = CompletableFuture.supplyAsync(() -> run(profile, suite, "1.1.0-bad-version", "stale"));
        TestExecutionSummary passed = open.get();
        TestExecutionSummary failed = stale.get();

        assertEquals(0, passed.getTotalFailureCount(), () -> failures(passed));
        assertEquals(2, passed.getTestsSucceededCount(), () -> failures(passed));
        assertEquals(1, failed.getTotalFailureCount(), () -> failures(failed));
        String why = failures(failed);
        assertTrue(why.contains("expected the service to report release '1.1.0-bad-version' in field 'systemInfo.version';"
                + " it reported '1.0.0'"), why);

        List<Integer> ports = new ArrayList<>();
        for (String run : List.of("open", "stale")) {
            String log = serviceLog(work.resolve(run));
            ports.add(port(log, "Started sample-app release=\\S+ port=(\\d+)"));
            ports.add(port(log, "Health, readiness and metrics on management port (\\d+)"));
        }
        Set<Integer> distinct = new HashSet<>(ports);
        assertEquals(4, distinct.size(), "two runs side by side, two ports each, none shared: " + ports);
    }

    private Path profile() throws IOException {
        String text = Files.readString(Path.of(System.getProperty("tollgate.profiles.dir"), "local", "profile.yaml"));
        String env = "    SAMPLE_EXIT_ON_STDIN_EOF: \"true\"\n";
        String version = """
                  version:
                    path: /api/v1/version
                    release: version      # JSON field that holds the release
                    schema: schemaVersion # JSON field that holds the newest applied migration
                """;
        assertTrue(text.contains(env) && text.contains(version), "the local profile is as expected");
        text = text.replace(env, env + """
                    SAMPLE_AUTH: api-key
                    SAMPLE_MANAGEMENT_PORT: ${service.ports.management}
                    SAMPLE_VERSION_AUTH: "true"
                    SAMPLE_REQUEST_ID_HEADER: x-correlation-id
                """).replace(version, """
                  ports: [management]
                  healthPort: management
                  version:
                    path: /api/v1/admin/serverinfo
                    as: viewer
                    release: systemInfo.version
                    schema: systemInfo.schemaVersion
                """);
        for (String role : List.of("admin", "owner", "contributor", "viewer")) {
            String declared = "token: \"${TOLLGATE_" + role.toUpperCase(java.util.Locale.ROOT) + "_TOKEN}\", generate: true";
            text = text.replace(declared, declared + ", header: { name: X-Api-Key }");
        }
        text = text.replace("name: local", "name: shapes") + """
                requestId: { header: x-correlation-id }
                versions:
                  1.1.0-open: 1.1.0
                """;
        return Files.writeString(Files.createDirectories(work.resolve("profile")).resolve("profile.yaml"), text);
    }

    private TestExecutionSummary run(Path profile, Path suite, String candidate, String name) {
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build())
                .execute(LauncherDiscoveryRequestBuilder.request().selectors(selectFile(suite.toFile()))
                        .filters(EngineFilter.includeEngines("tollgate"))
                        .configurationParameter(Constants.PREVIOUS, "1.0.0")
                        .configurationParameter(Constants.CANDIDATE, candidate)
                        .configurationParameter(Constants.PROFILE, profile.toString())
                        .configurationParameter(Constants.EVIDENCE_DIR, work.resolve(name).toString())
                        .build(), summary);
        return summary.getSummary();
    }

    private static String failures(TestExecutionSummary summary) {
        StringWriter text = new StringWriter();
        summary.printFailuresTo(new PrintWriter(text), 5);
        return text.toString();
    }

    private static String serviceLog(Path evidence) throws IOException {
        try (Stream<Path> files = Files.walk(evidence)) {
            Path log = files.filter(file -> file.getFileName().toString().matches("\\d+-1\\.1\\.0-.*\\.log")).findFirst()
                    .orElseThrow(() -> new AssertionError("no service log under " + evidence));
            return Files.readString(log);
        }
    }

    private static int port(String log, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(log);
        assertTrue(matcher.find(), "the service log says /" + regex + "/:\n" + log);
        return Integer.parseInt(matcher.group(1));
    }
}
