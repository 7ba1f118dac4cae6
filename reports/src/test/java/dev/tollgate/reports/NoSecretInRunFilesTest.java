package dev.tollgate.reports;

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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

import dev.tollgate.api.Constants;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.junitplatform.AllureJunitPlatform;

/**
 * A rehearsal's secrets stay out of everything it writes. The upgrade suite (with the authorization
 * matrix after the upgrade, on a candidate where it fails, so failure messages and exchanges are
 * written) and the restore suite (with {@code pg_dump}, so the database password goes to the backup
 * tool) run with the Allure listener and the JUnit XML writer; the release-readiness step writes
 * its files and the Allure report. Every file of the run is then scanned for each token, each
 * {@code Authorization} header value and the database password — the values the service was really
 * given, read from its environment while it ran.
 */
class NoSecretInRunFilesTest {

    private static final Path PROFILES = Path.of(System.getProperty("tollgate.profiles.dir", "../profiles"));
    private static final Path SUITES = PROFILES.toAbsolutePath().getParent().resolve("suites/src/suites");
    private static final List<String> ROLES = List.of("admin", "owner", "contributor", "viewer");

    @TempDir
    Path work;

    @Test
    void noTokenHeaderOrDatabasePasswordInAnyFileTheRunWrites() throws Exception {
        Map<String, String> tokens = new LinkedHashMap<>();
        Path profile = profileWithTokenFiles(tokens);
        Path evidence = work.resolve("tollgate");
        Path results = work.resolve("allure-results");
        Path xml = work.resolve("failsafe-reports");
        Path console = work.resolve("console.txt");

        ServiceEnvironments environments = new ServiceEnvironments(tokens.values());
        Thread harvester = new Thread(environments, "secret-harvester");
        harvester.setDaemon(true);
        harvester.start();
        try {
            rehearse(profile, evidence, results, xml, console);
        } finally {
            environments.stop();
            harvester.join(5_000);
        }
        Path out = work.resolve("out");
        Path report = work.resolve("allure-report");
        Path home = Path.of(System.getProperty("allure.home", "target/allure-commandline/none"));
        boolean allure = Files.isDirectory(home.resolve("lib"));
        ByteArrayOutputStream readinessOutput = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(readinessOutput, true, StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of("--root=" + work, "--run=" + evidence.resolve("run.json"), "--out=" + out,
                "--gate=report-only", "--previous=1.0.0", "--candidate=1.1.0-bad-authz", "--profile=" + profile));
        if (allure) {
            args.addAll(List.of("--allure-home=" + home, "--allure-results=" + results, "--allure-report=" + report,
                    "--allure-history=" + work.resolve("history")));
        }
        assertEquals(0, ReadinessReport.run(args.toArray(String[]::new), print, print), readinessOutput.toString(StandardCharsets.UTF_8));
        Files.write(work.resolve("release-readiness-console.txt"), readinessOutput.toByteArray());

        // The secrets flowed: the service ran with this run's tokens and a real database password.
        // Each suite has a database of its own, with its own password.
        List<String> passwords = List.copyOf(environments.passwords());
        assertEquals(2, passwords.size(), "a database password per suite, as the services were given it; processes seen: "
                + environments.seen());
        SecretScan scan = new SecretScan();
        passwords.forEach(password -> scan.secret("database password " + (passwords.indexOf(password) + 1), password));
        tokens.forEach((role, token) -> scan.secret(role + " token", token).secret(role + " Authorization header", "Bearer " + token));

        // Everything under the work directory but the profile and its token files, the run's inputs.
        List<Path> roots;
        try (Stream<Path> children = Files.list(work)) {
            roots = children.filter(child -> !child.getFileName().toString().equals("profile")).sorted().toList();
        }
        List<Path> written = SecretScan.files(roots);
        Set<String> names = written.stream().map(file -> file.getFileName().toString()).collect(Collectors.toSet());
        assertTrue(names.contains("run.json") && names.contains("postgres.log")
                && names.stream().anyMatch(name -> name.endsWith("-1.1.0-bad-authz.log")), "evidence written: " + names);
        assertTrue(names.stream().anyMatch(name -> name.startsWith("TEST-") && name.endsWith(".xml")), "JUnit XML written: " + names);
        assertTrue(names.contains("release-readiness.json") && names.contains("release-readiness.md"), "readiness written: " + names);
        assertTrue(!allure || Files.exists(report.resolve("index.html")), "the Allure report is generated");
        assertTrue(names.stream().filter(name -> name.contains("-attachment")).count() > 10, "Allure attachments written");
        String everything = read(written);
        assertTrue(everything.contains("Authorization: ***"), "exchanges sent with a token are among what is scanned");
        assertTrue(everything.contains("viewer DELETE /api/v1/missions/${mission}"), "the authz failure is among what is scanned");
        assertTrue(everything.contains("backup 'before-upgrade' taken with pg_dump"), "the pg_dump backup ran");

        List<SecretScan.Finding> findings = scan.scan(roots);
        System.out.println("[tollgate] secret scan: " + written.size() + " files (" + (allure ? "with" : "without")
                + " the Allure report), " + scan.secrets().size() + " secret values, " + findings.size() + " found");
        assertEquals(List.of(), findings, () -> findings.size() + " secret(s) found in what the run wrote (file:line: secret):\n"
                + findings.stream().map(Object::toString).collect(Collectors.joining("\n")));

        // The scan is shown to work on these very files: a token planted as an unmasked header is found.
        Path attachment = written.stream().filter(file -> file.getFileName().toString().contains("-attachment")).findFirst().orElseThrow();
        Files.writeString(attachment, "\nX-Api-Key: " + tokens.get("viewer") + "\n", java.nio.file.StandardOpenOption.APPEND);
        List<SecretScan.Finding> planted = scan.scan(roots);
        assertEquals(1, planted.size(), planted.toString());
        assertEquals(attachment, planted.get(0).file(), planted.toString());
    }

    /** The local profile with each subject's token in a file, and pg_dump backups. Tokens go in files, never -D. */
    private Path profileWithTokenFiles(Map<String, String> tokens) throws IOException {
        Path dir = Files.createDirectories(work.resolve("profile"));
        String text = Files.readString(PROFILES.resolve("local/profile.yaml"));
        for (String role : ROLES) {
            String token = "scan-" + role + "-" + UUID.randomUUID();
            tokens.put(role, token);
            Files.writeString(dir.resolve(role + ".token"), token + "\n");
            String declared = "token: \"${TOLLGATE_" + role.toUpperCase(Locale.ROOT) + "_TOKEN}\", generate: true";
            assertTrue(text.contains(declared), "the local profile declares " + declared);
            text = text.replace(declared, "tokenFile: " + role + ".token");
        }
        String database = "  port: 0                 # 0 = a free loopback port\n";
        assertTrue(text.contains(database), "the local profile's database section is as expected");
        text = text.replace(database, "  port: 0\n  backup: pg_dump\n").replace("name: local", "name: secret-scan");
        return Files.writeString(dir.resolve("profile.yaml"), text);
    }

    private void rehearse(Path profile, Path evidence, Path results, Path xml, Path console) throws IOException {
        AllureLifecycle outer = Allure.getLifecycle();
        AllureLifecycle lifecycle = new AllureLifecycle(new FileSystemResultsWriter(results));
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Allure.setLifecycle(lifecycle);
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                    .enableTestExecutionListenerAutoRegistration(false).build());
            SummaryGeneratingListener summary = new SummaryGeneratingListener();
            launcher.execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectFile(SUITES.resolve("upgrade-from-previous.suite.yaml").toFile()),
                            selectFile(SUITES.resolve("rollback-restore.suite.yaml").toFile()))
                    .filters(EngineFilter.includeEngines("tollgate"))
                    .configurationParameter(Constants.PREVIOUS, "1.0.0")
                    .configurationParameter(Constants.CANDIDATE, "1.1.0-bad-authz")
                    .configurationParameter("tollgate.profile", profile.toString())
                    .configurationParameter(Constants.EVIDENCE_DIR, evidence.toString())
                    .configurationParameter("tollgate.work.dir", Files.createDirectories(work.resolve("scratch")).toString())
                    .build(), summary, new AllureJunitPlatform(lifecycle),
                    new LegacyXmlReportGeneratingListener(xml, new PrintWriter(new StringWriter())));
            assertEquals(1, summary.getSummary().getTotalFailureCount(), () -> "only the matrix after the upgrade fails on"
                    + " bad-authz: " + summary.getSummary().getFailures().stream()
                            .map(failure -> failure.getTestIdentifier().getDisplayName() + ": " + failure.getException().getMessage())
                            .toList());
        } finally {
            System.setOut(stdout);
            Allure.setLifecycle(outer);
            Files.write(console, printed.toByteArray());  // what CI keeps of the run's console, scanned too
            stdout.print(printed.toString(StandardCharsets.UTF_8));
        }
    }

    private static String read(List<Path> files) throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path file : files) {
            all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).append('\n');
        }
        return all.toString();
    }

    /**
     * Watches /proc for the processes this run starts (their environment names one of its tokens)
     * and keeps the database password they were given: the secret as the service really received it.
     */
    private static final class ServiceEnvironments implements Runnable {
        private final Set<String> tokens;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Set<String> passwords = ConcurrentHashMap.newKeySet();
        private final Set<String> seen = ConcurrentHashMap.newKeySet();

        ServiceEnvironments(java.util.Collection<String> tokens) {
            this.tokens = new HashSet<>(tokens);
        }

        @Override
        public void run() {
            while (running.get()) {
                try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                    procs.filter(proc -> proc.getFileName().toString().chars().allMatch(Character::isDigit))
                            .filter(proc -> !seen.contains(proc.getFileName().toString()))
                            .forEach(this::look);
                } catch (IOException | RuntimeException e) {
                    // a process ended while being read: look again
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void look(Path proc) {
            String environ;
            try {
                environ = new String(Files.readAllBytes(proc.resolve("environ")), StandardCharsets.UTF_8);
            } catch (IOException | SecurityException e) {
                return;
            }
            if (environ.isEmpty() || tokens.stream().noneMatch(environ::contains)) {
                return;
            }
            seen.add(proc.getFileName().toString());
            for (String variable : environ.split("\0")) {
                if (variable.startsWith("DATABASE_PASSWORD=")) {
                    passwords.add(variable.substring("DATABASE_PASSWORD=".length()));
                }
            }
        }

        void stop() {
            running.set(false);
        }

        Set<String> passwords() {
            return Set.copyOf(passwords);
        }

        Set<String> seen() {
            return seen;
        }
    }
}
