package dev.tollgate.profiles.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tollgate.model.Profile;
import dev.tollgate.runtime.compose.ComposeCli;
import dev.tollgate.runtime.compose.ComposeFileCheck;
import dev.tollgate.runtime.compose.ComposeFinding;
import dev.tollgate.runtime.compose.ComposeFinding.Kind;
import dev.tollgate.runtime.compose.ComposeFinding.Severity;

/**
 * What {@code validate} and {@code doctor} say about a compose file, read through the real compose
 * CLI's {@code config}: the shipped profiles pass clean, and each ordinary mistake of a compose file
 * of one's own is named with its file, service and fix.
 */
class ComposeFileCheckTest {

    private ComposeCli cli;

    @BeforeEach
    void needsCompose() {
        ComposeProfiles.assumeDocker();
        cli = ComposeCli.detect();
    }

    @Test
    void theShippedProfilesHaveNothingToFix() {
        assertEquals(List.of(), ComposeFileCheck.check(ComposeProfiles.load("quickstart"), cli));
        assertEquals(List.of(), ComposeFileCheck.check(ComposeProfiles.load("full"), cli));
    }

    @Test
    void aFixedImageTagIsAnErrorNamingTheImageLineAndTheVariable() throws Exception {
        String compose = OwnComposeFile.replaceOnce(OwnComposeFile.quickstartCompose(),
                "image: ${SAMPLE_APP_IMAGE:-tollgate/sample-app}:${SAMPLE_RELEASE:?set SAMPLE_RELEASE to the release to run}",
                "image: tollgate/sample-app:1.0.0");
        ComposeFinding finding = only(check("fixed-tag", compose, UnaryOperator.identity()));

        assertEquals(Kind.IMAGE_IGNORES_RELEASE, finding.kind());
        assertEquals(Severity.ERROR, finding.severity());
        assertEquals("app", finding.service());
        int line = lineOf(compose, "image: tollgate/sample-app:1.0.0");
        assertTrue(finding.problem().contains("docker-compose.yml:" + line + ": image: tollgate/sample-app:1.0.0")
                && finding.problem().contains("${SAMPLE_RELEASE}"), finding.toString());
        assertTrue(finding.fix().contains("image: tollgate/sample-app:${SAMPLE_RELEASE}"), finding.fix());
    }

    @Test
    void theImageLineIsFoundThroughAnAnchorAsInTheFullProfile() throws Exception {
        String full = java.nio.file.Files.readString(ComposeProfiles.PROFILES_DIR.resolve("full/docker-compose.yml"));
        String compose = OwnComposeFile.replaceOnce(full,
                "image: ${SAMPLE_APP_IMAGE:-tollgate/sample-app}:${SAMPLE_RELEASE:?set SAMPLE_RELEASE to the release to run}",
                "image: tollgate/sample-app:latest");
        Profile profile = OwnComposeFile.write("anchor", compose, yaml -> yaml
                .replace("services: [app]", "services: [app-1, app-2]\n  migrate: migrate").replace("entry: app", "entry: proxy"));
        List<ComposeFinding> findings = ComposeFileCheck.check(profile, cli);

        assertEquals(List.of("app-1", "app-2", "migrate"), findings.stream().map(ComposeFinding::service).toList(), findings.toString());
        int line = lineOf(compose, "image: tollgate/sample-app:latest");
        findings.forEach(finding -> assertTrue(finding.problem().contains("docker-compose.yml:" + line + ":"), finding.toString()));
    }

    @Test
    void unpublishedPortsAreErrorsWithThePortsLineToAdd() throws Exception {
        String compose = OwnComposeFile.quickstartCompose().replace("    ports:\n      - \"${TOLLGATE_PUBLISH_ADDRESS:-127.0.0.1}::8080\"\n", "")
                .replace("    ports:\n      - \"${TOLLGATE_PUBLISH_ADDRESS:-127.0.0.1}::5432\"\n", "");
        List<ComposeFinding> findings = check("no-ports", compose, UnaryOperator.identity());

        assertEquals(List.of("app", "db"), findings.stream().map(ComposeFinding::service).toList(), findings.toString());
        assertTrue(findings.stream().allMatch(finding -> finding.kind() == Kind.PORT_NOT_PUBLISHED && finding.severity() == Severity.ERROR));
        assertTrue(findings.get(0).fix().contains("ports: [\"127.0.0.1::8080\"] to service app"), findings.get(0).fix());
        assertTrue(findings.get(1).fix().contains("ports: [\"127.0.0.1::5432\"] to service db"), findings.get(1).fix());
    }

    @Test
    void aPortOnEveryInterfaceIsAWarning() throws Exception {
        String compose = OwnComposeFile.replaceOnce(OwnComposeFile.quickstartCompose(), "- \"${TOLLGATE_PUBLISH_ADDRESS:-127.0.0.1}::8080\"", "- \"8080\"");
        ComposeFinding finding = only(check("all-interfaces", compose, UnaryOperator.identity()));

        assertEquals(Kind.PORT_NOT_LOOPBACK, finding.kind());
        assertEquals(Severity.WARNING, finding.severity());
    }

    @Test
    void aServiceNameTheComposeFileLacksIsAnErrorListingTheNamesThereAre() throws Exception {
        List<ComposeFinding> findings = check("wrong-service", OwnComposeFile.quickstartCompose(),
                yaml -> OwnComposeFile.replaceOnce(OwnComposeFile.replaceOnce(yaml, "services: [app]", "services: [api]"),
                        "entry: app", "entry: api"));

        ComposeFinding finding = only(findings);
        assertEquals(Kind.UNKNOWN_SERVICE, finding.kind());
        assertEquals("api", finding.service());
        assertTrue(finding.problem().contains("compose.services in ") && finding.problem().contains("(it has: ")
                && finding.fix().startsWith("name one of "), finding.toString());
        assertTrue(finding.fix().contains("app") && finding.fix().contains("compose.services"), finding.fix());
    }

    @Test
    void noHealthcheckIsOnlyAWarningThatTollgateWaitsOnTheHealthEndpoint() throws Exception {
        String compose = withoutHealthcheck(OwnComposeFile.quickstartCompose());
        ComposeFinding finding = only(check("no-healthcheck", compose, UnaryOperator.identity()));

        assertEquals(Kind.NO_HEALTHCHECK, finding.kind());
        assertEquals(Severity.WARNING, finding.severity());
        assertTrue(finding.problem().contains("waits until GET /health answers from the container"), finding.problem());
    }

    /** The app's healthcheck replaced by none: the sample image has one of its own, so it is disabled as Compose allows. */
    static String withoutHealthcheck(String compose) {
        int start = compose.indexOf("    healthcheck:\n      test: [\"CMD-SHELL\", \"curl");
        int end = compose.indexOf("start_period: 60s\n", start) + "start_period: 60s\n".length();
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("the quickstart's app healthcheck moved");
        }
        return compose.substring(0, start) + "    healthcheck:\n      disable: true\n" + compose.substring(end);
    }

    private List<ComposeFinding> check(String name, String compose, UnaryOperator<String> profileEdit) throws Exception {
        return ComposeFileCheck.check(OwnComposeFile.write(name, compose, profileEdit), cli);
    }

    private static ComposeFinding only(List<ComposeFinding> findings) {
        assertEquals(1, findings.size(), findings.toString());
        return findings.get(0);
    }

    private static int lineOf(String text, String fragment) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(fragment)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(fragment);
    }
}
