package dev.tollgate.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.junitplatform.AllureJunitPlatform;

/** The authz suite and the matrix after the upgrade, on the real sample service; and what their reports show. */
class AuthzSuiteTest {

    private static final Path SUITES = Path.of("src/suites").toAbsolutePath();
    private static final Path AUTHZ = SUITES.resolve("authz.suite.yaml");
    private static final Path UPGRADE = SUITES.resolve("upgrade-from-previous.suite.yaml");

    @Test
    void theAuthzSuitePassesOnTheGoodCandidate() {
        run(AUTHZ, "1.1.0").testEvents().assertStatistics(stats -> stats.started(3).succeeded(3).failed(0));
    }

    @Test
    void aCandidateWhereAViewerMayDeleteFailsTheMatrixAfterTheUpgradeToo() {
        String expected = "authz: 1 of 45 authorization cases wrong: viewer DELETE /api/v1/missions/${mission}"
                + " (sample.matrix.yaml:36): expected deny (401 or 403), got 204 (access widened: the request succeeded)";
        run(AUTHZ, "1.1.0-bad-authz").testEvents().assertThatEvents().haveExactly(1,
                event(test("step:authorization"), finishedWithFailure(message(m -> m.startsWith(expected)))));
        run(UPGRADE, "1.1.0-bad-authz").testEvents().assertThatEvents().haveExactly(1,
                event(test("step:authz-after-upgrade"), finishedWithFailure(message(m -> m.startsWith(expected)))));
    }

    /**
     * Runs the authz suite on a bad candidate (so failure messages and exchanges are written too) through
     * the launcher, with Allure's listener and the JUnit XML writer, then greps every file they wrote for
     * each token the subjects used.
     */
    /**
     * Runs the authz suite on a bad candidate (so failure messages and exchanges are written too) through
     * the launcher, with Allure's listener and the JUnit XML writer, then greps every file they wrote for
     * each token the subjects used. The tokens come from secret files (a copy of the local profile with
     * {@code tokenFile:}), not system properties: JUnit XML lists every system property, so tokens belong
     * in the environment or in files, never in -D.
     */
    @Test
    void noTokenReachesTheAllureResultsOrTheJunitXml(@TempDir Path dir) throws IOException {
        Map<String, String> tokens = new LinkedHashMap<>();
        String profile = Files.readString(Path.of(System.getProperty("tollgate.profiles.dir"), "local", "profile.yaml"));
        for (String role : List.of("admin", "owner", "contributor", "viewer")) {
            String token = "scan-" + role + "-" + UUID.randomUUID();
            tokens.put(role, token);
            Files.writeString(dir.resolve(role + ".token"), token + "\n");
            String declared = "token: \"${TOLLGATE_" + role.toUpperCase(java.util.Locale.ROOT) + "_TOKEN}\", generate: true";
            assertTrue(profile.contains(declared), "the local profile declares " + declared);
            profile = profile.replace(declared, "tokenFile: " + role + ".token");
        }
        Path profileFile = dir.resolve("profile.yaml");
        Files.writeString(profileFile, profile);
        Path allure = dir.resolve("allure-results");
        Path xml = dir.resolve("junit-xml");
        AllureLifecycle previous = Allure.getLifecycle();
        AllureLifecycle lifecycle = new AllureLifecycle(new FileSystemResultsWriter(allure));
        try {
            Allure.setLifecycle(lifecycle);
            Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                    .enableTestExecutionListenerAutoRegistration(false).build());
            SummaryGeneratingListener summary = new SummaryGeneratingListener();
            launcher.execute(request().selectors(selectFile(AUTHZ.toFile()))
                    .configurationParameter("tollgate.candidate", "1.1.0-bad-authz")
                    .configurationParameter("tollgate.profile", profileFile.toString()).build(),
                    summary, new AllureJunitPlatform(lifecycle),
                    new LegacyXmlReportGeneratingListener(xml, new PrintWriter(new StringWriter())));
            assertEquals(1, summary.getSummary().getTotalFailureCount(), "the matrix must fail on bad-authz, so that"
                    + " failure messages and exchanges are among what is scanned");
        } finally {
            Allure.setLifecycle(previous);
        }

        List<Path> written = files(allure, xml);
        assertTrue(written.stream().anyMatch(file -> file.toString().endsWith(".xml")), "JUnit XML written: " + written);
        assertTrue(written.stream().filter(file -> file.getFileName().toString().contains("-attachment")).count() > 3,
                "Allure attachments written: " + written);
        String all = String.join("\n", read(written));
        assertTrue(all.contains("got 204 (access widened"), "the failure is in what was scanned");
        assertTrue(all.contains("Authorization: ***"), "exchanges sent with a token are in what was scanned");
        assertTrue(all.contains("44 of 45 cases as expected"), "the tokens worked: allowed requests were allowed");
        List<String> leaks = new ArrayList<>();
        for (Path file : written) {
            String text = Files.readString(file);
            tokens.forEach((name, token) -> {
                if (text.contains(token)) {
                    leaks.add(name + " in " + file);
                }
            });
        }
        assertEquals(List.of(), leaks, "tokens found in reports");
    }

    private static List<Path> files(Path... dirs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : dirs) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(Files::isRegularFile).forEach(files::add);
            }
        }
        return files;
    }

    private static List<String> read(List<Path> files) throws IOException {
        List<String> texts = new ArrayList<>();
        for (Path file : files) {
            texts.add(Files.readString(file));
        }
        return texts;
    }

    private static EngineExecutionResults run(Path suite, String candidate) {
        return EngineTestKit.engine("tollgate").configurationParameters(Map.of("tollgate.candidate", candidate))
                .selectors(selectFile(suite.toFile())).execute();
    }
}
