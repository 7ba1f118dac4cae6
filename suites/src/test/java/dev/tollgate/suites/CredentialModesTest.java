package dev.tollgate.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

import dev.tollgate.api.Constants;
import dev.tollgate.gate.AreaStatus;
import dev.tollgate.gate.Gate;
import dev.tollgate.gate.GateResult;
import dev.tollgate.gate.GateRules;
import dev.tollgate.model.Area;
import dev.tollgate.report.RunRecord;
import dev.tollgate.report.RunRecordJson;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.junitplatform.AllureJunitPlatform;

/**
 * The authz suite in each way a service authenticates, against the real sample service started in
 * that mode ({@code SAMPLE_AUTH}): it passes on {@code 1.1.0}, it catches {@code 1.1.0-bad-authz} in
 * the authorization area, and nothing the bad run writes (Allure results, JUnit XML, run.json,
 * service and database logs, the console) carries a subject's secret, an issued token or session,
 * or an unmasked credential header or field. The sample service refuses every shape but its own,
 * so a pass proves the harness sent the right one.
 */
class CredentialModesTest {

    private static final Path AUTHZ = GateRehearsal.SUITES.resolve("authz.suite.yaml");
    private static final Map<String, String> NAMES = Map.of("admin", "alice", "owner", "olivia", "contributor", "carl",
            "viewer", "vera");
    /** A credential in the clear where the harness writes one: a header line, a JSON field, a form field. */
    private static final Pattern UNMASKED = Pattern.compile("(?im)^(?:Authorization|X-Api-Key|Cookie|Set-Cookie):[ \\t]*(?!\\*{3})\\S.*$"
            + "|\"(?:access_token|refresh_token|password|client_secret)\"\\s*:\\s*\"(?!\\*{3})[^\"]+\""
            + "|(?<![\\w-])(?:password|client_secret)=(?!\\*{3})[^&\\s\"]+");

    enum Mode {
        BEARER("bearer", ""),
        API_KEY("api-key", ", header: { name: X-Api-Key }"),
        BASIC("basic", ", basic: { username: %s }"),
        OAUTH2_PASSWORD("oauth2", ", oauth2: { tokenUrl: /oauth/token, grant: password, clientId: tollgate, username: %s }"),
        OAUTH2_CLIENT_CREDENTIALS("oauth2", ", oauth2: { tokenUrl: /oauth/token, grant: client_credentials, clientId: %s }"),
        COOKIE("cookie", ", login: { path: /api/v1/login, form: true, username: %s }, cookie: SAMPLE_SESSION");

        final String sampleAuth;
        final String shape;

        Mode(String sampleAuth, String shape) {
            this.sampleAuth = sampleAuth;
            this.shape = shape;
        }
    }

    @TempDir
    Path work;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theAuthzSuitePassesOnTheGoodCandidateAndCatchesTheBadOneWithNoSecretWritten(Mode mode) throws IOException {
        Map<String, String> secrets = new LinkedHashMap<>();
        Path profile = profile(mode, secrets, "", "");

        GateResult good = rehearse(profile, "1.1.0", work.resolve("good")).result();
        assertEquals(AreaStatus.PASSED, good.area(Area.AUTHORIZATION).status(), mode + ": " + good.area(Area.AUTHORIZATION));

        Path bad = work.resolve("bad");
        Rehearsal caught = rehearse(profile, "1.1.0-bad-authz", bad);
        assertEquals(AreaStatus.FAILED, caught.result().area(Area.AUTHORIZATION).status(), mode + ": " + caught.result().areas());
        assertTrue(caught.result().area(Area.AUTHORIZATION).firstReason().contains("viewer DELETE /api/v1/missions/${mission}"),
                mode + ": " + caught.result().area(Area.AUTHORIZATION).firstReason());

        List<Path> written = files(bad);
        String all = read(written);
        assertTrue(all.contains("44 of 45 cases as expected"), mode + ": the credentials worked: allowed requests were allowed");
        assertTrue(all.contains("-attachment") || written.stream().anyMatch(file -> file.toString().contains("-attachment")),
                "Allure attachments are among what is scanned");
        List<String> findings = scan(written, secrets);
        assertEquals(List.of(), findings, mode + ": secrets in what the run wrote");

        // The scan finds what it looks for: a secret planted as the harness would have written it.
        String planted = secrets.values().iterator().next();
        Files.writeString(bad.resolve("planted.txt"), "GET /api/v1/missions\nX-Api-Key: " + planted + "\n");
        assertEquals(2, scan(files(bad), secrets).size(), mode + ": the planted secret, by value and as a header line");
    }

    /**
     * A service that correlates by {@code x-correlation-id}: with {@code requestId: { header: … }} in
     * the profile every denied change is found in its audit log; without it, the ids Tollgate sends go
     * unseen and the matrix says the audit rows are missing.
     */
    @org.junit.jupiter.api.Test
    void theAuditLookupFollowsTheProfilesCorrelationHeader() throws IOException {
        String service = "    SAMPLE_REQUEST_ID_HEADER: x-correlation-id\n";
        Path correlated = profile(Mode.API_KEY, new LinkedHashMap<>(), service, "requestId: { header: x-correlation-id }\n");
        GateResult found = rehearse(correlated, "1.1.0", work.resolve("correlated")).result();
        assertEquals(AreaStatus.PASSED, found.area(Area.AUTHORIZATION).status(), found.area(Area.AUTHORIZATION).toString());

        Path uncorrelated = profile(Mode.API_KEY, new LinkedHashMap<>(), service, "");
        GateResult lost = rehearse(uncorrelated, "1.1.0", work.resolve("uncorrelated")).result();
        assertEquals(AreaStatus.FAILED, lost.area(Area.AUTHORIZATION).status(), lost.area(Area.AUTHORIZATION).toString());
        assertTrue(lost.area(Area.AUTHORIZATION).firstReason().contains("the audit log has no entry for request id"),
                lost.area(Area.AUTHORIZATION).firstReason());
    }

    private record Rehearsal(GateResult result) {
    }

    /** A copy of the local profile whose subjects present themselves in this mode, each secret in a file. */
    private Path profile(Mode mode, Map<String, String> secrets, String moreEnv, String moreTop) throws IOException {
        Path dir = Files.createDirectories(work.resolve("profile-" + UUID.randomUUID()));
        String text = Files.readString(Path.of(System.getProperty("tollgate.profiles.dir"), "local", "profile.yaml"));
        for (Map.Entry<String, String> subject : NAMES.entrySet()) {
            String role = subject.getKey();
            String secret = "cm-" + role + "-" + UUID.randomUUID();
            secrets.put(role, secret);
            Files.writeString(dir.resolve(role + ".token"), secret + "\n");
            String declared = "token: \"${TOLLGATE_" + role.toUpperCase(java.util.Locale.ROOT) + "_TOKEN}\", generate: true";
            assertTrue(text.contains(declared), "the local profile declares " + declared);
            text = text.replace(declared, "tokenFile: " + role + ".token" + mode.shape.formatted(subject.getValue()));
        }
        String env = "    SAMPLE_EXIT_ON_STDIN_EOF: \"true\"\n";
        assertTrue(text.contains(env), "the local profile's environment is as expected");
        text = text.replace(env, env + "    SAMPLE_AUTH: " + mode.sampleAuth + "\n" + moreEnv)
                .replace("name: local", "name: " + mode.sampleAuth) + moreTop;
        return Files.writeString(dir.resolve("profile.yaml"), text);
    }

    private Rehearsal rehearse(Path profile, String candidate, Path root) throws IOException {
        Path evidence = root.resolve("tollgate");
        Path results = root.resolve("allure-results");
        AllureLifecycle outer = Allure.getLifecycle();
        AllureLifecycle lifecycle = new AllureLifecycle(new FileSystemResultsWriter(results));
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        Allure.setLifecycle(lifecycle);
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build())
                    .execute(LauncherDiscoveryRequestBuilder.request().selectors(selectFile(AUTHZ.toFile()))
                            .filters(EngineFilter.includeEngines("tollgate"))
                            .configurationParameter(Constants.PREVIOUS, "1.0.0")
                            .configurationParameter(Constants.CANDIDATE, candidate)
                            .configurationParameter(Constants.PROFILE, profile.toString())
                            .configurationParameter(Constants.EVIDENCE_DIR, evidence.toString())
                            .build(), summary, new AllureJunitPlatform(lifecycle),
                            new LegacyXmlReportGeneratingListener(root.resolve("junit-xml"), new PrintWriter(new StringWriter())));
        } finally {
            System.setOut(stdout);
            Allure.setLifecycle(outer);
            Files.createDirectories(root);
            Files.write(root.resolve("console.txt"), printed.toByteArray());
        }
        Path record = evidence.resolve("run.json");
        if (!Files.exists(record)) {
            StringWriter why = new StringWriter();
            summary.getSummary().printTo(new PrintWriter(why));
            summary.getSummary().printFailuresTo(new PrintWriter(why), 20);
            throw new AssertionError("no run record for " + candidate + ": " + why);
        }
        RunRecord run = RunRecordJson.read(record);
        return new Rehearsal(Gate.evaluate(run, GateRules.defaults(), List.of(), LocalDate.now()));
    }

    /** file:line: what, for each secret value and each credential written in the clear. */
    private static List<String> scan(List<Path> files, Map<String, String> secrets) throws IOException {
        List<String> findings = new ArrayList<>();
        for (Path file : files) {
            List<String> lines = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                for (Map.Entry<String, String> secret : secrets.entrySet()) {
                    if (line.contains(secret.getValue())) {
                        findings.add(file + ":" + (i + 1) + ": " + secret.getKey() + "'s secret");
                    }
                }
                Matcher unmasked = UNMASKED.matcher(line);
                if (unmasked.find()) {
                    findings.add(file + ":" + (i + 1) + ": a credential in the clear: "
                            + unmasked.group().substring(0, Math.min(unmasked.group().length(), 24)) + "…");
                }
            }
        }
        return findings;
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static String read(List<Path> files) throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path file : files) {
            all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).append('\n');
        }
        return all.toString();
    }
}
