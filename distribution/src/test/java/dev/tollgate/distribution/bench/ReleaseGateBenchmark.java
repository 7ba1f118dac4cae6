package dev.tollgate.distribution.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.tollgate.report.RunRecord;
import dev.tollgate.runtime.ServerPasswords;
import dev.tollgate.system.DatabaseEndpoint;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Time to verdict of the release gate as a user runs it, {@code tollgate run --tag release-gate}
 * (five suites, 1.0.0 → 1.1.0, local profile): this build's {@code bin/tollgate}, one JVM for the
 * rehearsal, the verdict and the reports, as the distribution's launcher starts it. Broken down by
 * phase into the system under test's share and Tollgate's own, and compared in the same run with
 * {@code bench/lifecycle.sh}: the same lifecycle scripted with curl and psql, none of the checks, on
 * a database server started the same way, which asks the service for a SCRAM password as Tollgate's
 * does ({@link ServerPasswords}). Rounds interleave Tollgate and the script so drift in a
 * shared machine hits both. Before them, one untimed run leaves what every later run of a user finds
 * (the launcher's class-data archive, the PostgreSQL template cluster); its time is in the JSON.
 * Targets ({@link BenchProfile}): on local, Tollgate's share at most 10 % and Tollgate at most as
 * long as the script; on quickstart, 15 % and 1.2 times. Prints a table, writes
 * {@code distribution/target/bench/release-gate.json}; asserts the verdict (GO) and that the script
 * ran, never a time.
 * <p>
 * {@code mvn -B verify -Pbench -pl distribution -am -DskipITs -Dtest=ReleaseGateBenchmark} (the
 * distribution module, so that the command line's jar is built first); {@code -Dtollgate.bench.rounds=N}
 * (default 3), {@code -Dtollgate.bench.sequential=false} leaves out the run with parallel suites off.
 * {@code -Dtollgate.bench.profile=quickstart} runs the same on docker compose against
 * {@code bench/lifecycle-compose.sh} and writes {@code release-gate-quickstart.json} (see {@link BenchProfile}).
 */
@Tag("benchmark")
class ReleaseGateBenchmark {

    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final Duration RUN_LIMIT = Duration.ofMinutes(10);
    // -Dtollgate.bench.scriptPasswords=false: the script's server trusts the service, as before, for comparison.
    private static final boolean SCRIPT_PASSWORDS = Boolean.parseBoolean(System.getProperty("tollgate.bench.scriptPasswords", "true"));

    private final Path root = Path.of(System.getProperty("tollgate.profiles.dir", "../profiles")).toAbsolutePath()
            .normalize().getParent();
    private final Path jar = Path.of(System.getProperty("tollgate.sampleApp.jar", "../sample-app/target/sample-app.jar"));
    private final Path out = Path.of("target", "bench").toAbsolutePath();
    private final BenchProfile profile = BenchProfile.fromSystem();

    @TempDir
    Path work;

    @Test
    void releaseGateComparedWithAPlainLifecycleScript() throws Exception {
        assumeTrue(onPath("psql") && onPath("curl"), "psql and curl must be on the PATH (Debian: postgresql-client curl)");
        profile.assumeDocker();
        assertTrue(Files.isRegularFile(jar), "the sample service's jar is not built: " + jar);
        double images = profile.compose() ? buildImages() : 0;
        int rounds = Integer.getInteger("tollgate.bench.rounds", 3);
        boolean sequential = Boolean.parseBoolean(System.getProperty("tollgate.bench.sequential", "true"));
        assertTrue(Files.isRegularFile(root.resolve("cli/target/tollgate.jar")), "the command line's jar is not built: "
                + root.resolve("cli/target/tollgate.jar") + " (run the benchmark through the distribution module: -pl distribution -am)");
        TollgateRun cold = tollgate("first-run-untimed", true);
        List<TollgateRun> parallel = new ArrayList<>();
        List<TollgateRun> oneByOne = new ArrayList<>();
        List<ScriptRun> script = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            parallel.add(tollgate("round-" + round + "-parallel", true));
            script.add(script("round-" + round));
            if (sequential) {
                oneByOne.add(tollgate("round-" + round + "-sequential", false));
            }
        }
        TollgateRun typical = median(parallel, TollgateRun::seconds);
        ScriptRun peer = median(script, ScriptRun::seconds);
        double ratio = typical.seconds() / peer.seconds();
        Map<String, Object> figures = figures(typical, peer, ratio, parallel, oneByOne, script);
        if (profile.compose()) {
            figures.put("imagesCheckedBeforeRoundsSeconds", images);
        }
        figures.put("firstRunBeforeRoundsSeconds", cold.seconds());
        print(typical, peer, ratio, oneByOne, rounds);
        Path file = out.resolve(profile.output() + ".json");
        Files.createDirectories(out);
        JSON.writeValue(file.toFile(), figures);
        System.out.println("  written to " + file);
        parallel.forEach(run -> assertEquals("GO", run.verdict(), "release gate of 1.0.0 → 1.1.0 on " + profile.id()));
        oneByOne.forEach(run -> assertEquals("GO", run.verdict(), "release gate with suites one by one"));
    }

    record TollgateRun(double seconds, PhaseBreakdown phases, String verdict, boolean parallel) {
    }

    record ScriptRun(double serverStartSeconds, double scriptSeconds) {

        double seconds() {
            return serverStartSeconds + scriptSeconds;
        }
    }

    /** {@code bin/tollgate run}, as a user runs the release gate: rehearsal, verdict and reports in one JVM. */
    private TollgateRun tollgate(String name, boolean parallel) throws Exception {
        Path dir = out.resolve(profile.output()).resolve(name);
        deleteTree(dir);
        Path scratch = Files.createTempDirectory(work, "tollgate-work-");
        List<String> command = List.of("sh", root.resolve("bin/tollgate").toString(), "run", "--tag", "release-gate",
                "--previous", "1.0.0", "--candidate", "1.1.0", "--profile", profile.id(), "--root", root.toString(),
                "--set", "tollgate.sampleApp.jar=" + jar.toAbsolutePath(), "--gate", "report-only", "-o", dir.toString());
        Map<String, String> environment = Map.of("JAVA_OPTS", "-Dtollgate.work.dir=" + scratch
                + " -Dtollgate.parallel.enabled=" + parallel);
        Instant launched = Instant.now();
        long started = System.nanoTime();
        run(dir.resolve("tollgate.log"), command, environment);
        long finished = System.nanoTime();
        Instant ended = launched.plusNanos(finished - started);
        RunRecord record = JSON.readValue(dir.resolve("tollgate/run.json").toFile(), RunRecord.class);
        String verdict = JSON.readTree(dir.resolve("release-readiness.json").toFile()).path("verdict").asText();
        return new TollgateRun((finished - started) / 1e9, PhaseBreakdown.of(record, launched, ended, profile.phases()),
                verdict, parallel);
    }

    /** The peer script of the profile. */
    private ScriptRun script(String name) throws Exception {
        return profile.compose() ? composeScript(name) : localScript(name);
    }

    /**
     * {@code bench/lifecycle-compose.sh} on the quickstart compose file: it starts its database
     * container itself, so the whole run is the script's.
     */
    private ScriptRun composeScript(String name) throws Exception {
        Path dir = out.resolve(profile.output()).resolve(name + "-script");
        deleteTree(dir);
        long started = System.nanoTime();
        run(dir.resolve("lifecycle.log"), List.of("bash", root.resolve("bench/lifecycle-compose.sh").toString(),
                root.resolve("profiles/quickstart/docker-compose.yml").toString(), "1.0.0", "1.1.0"));
        return new ScriptRun(0, (System.nanoTime() - started) / 1e9);
    }

    /**
     * The quickstart profile's images, built from this jar before the rounds (untimed in them), so
     * that Tollgate's {@code prepare} finds them current and the script runs the same releases.
     */
    private double buildImages() throws Exception {
        long started = System.nanoTime();
        run(out.resolve(profile.output()).resolve("build-images.log"),
                List.of("bash", root.resolve("profiles/images/build-images.sh").toString(), jar.toAbsolutePath().toString()));
        return (System.nanoTime() - started) / 1e9;
    }

    /** A database server started as the local profile starts one, the script on it, then the server stopped and deleted. */
    private ScriptRun localScript(String name) throws Exception {
        Path dir = out.resolve(profile.output()).resolve(name + "-script");
        deleteTree(dir);
        Files.createDirectories(dir);
        long started = System.nanoTime();
        long serverUp;
        // The server's stop and the deletion of its files count, as Tollgate's run counts its own.
        Path dataDirectory = Files.createTempDirectory(work, "script-pgdata-");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(true)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(dir.resolve("postgres.log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(dir.resolve("postgres.log").toFile()))
                .start()) {
            // The server asks the service for a SCRAM password and the script's psql for an MD5 one, as the
            // local profile's server does (the same code sets it up): one that trusted the service made each
            // of the script's ten service starts about 0.15 s of CPU cheaper than in Tollgate's run (the
            // driver's SCRAM handshake, 4096 rounds of HMAC-SHA-256 in a JVM that has compiled nothing yet),
            // work of the service's that only one side did.
            String user = "postgres";
            Map<String, String> environment = Map.of();
            if (SCRIPT_PASSWORDS) {
                ServerPasswords.Endpoints ways = ServerPasswords.require(new DatabaseEndpoint("127.0.0.1", postgres.getPort(),
                        "postgres", "postgres", ""), "postgres", dataDirectory, dir.resolve("postgres.log"));
                user = ways.own().user();
                environment = Map.of("PGPASSWORD", ways.own().password(), "SERVICE_DATABASE_USER", ways.service().user(),
                        "SERVICE_DATABASE_PASSWORD", ways.service().password());
            }
            serverUp = System.nanoTime();
            run(dir.resolve("lifecycle.log"), List.of("bash", root.resolve("bench/lifecycle.sh").toString(),
                    "postgresql://" + user + "@127.0.0.1:" + postgres.getPort(), jar.toString(), "1.0.0", "1.1.0"), environment);
        }
        long finished = System.nanoTime();
        return new ScriptRun((serverUp - started) / 1e9, (finished - serverUp) / 1e9);
    }

    private static void run(Path log, List<String> command) throws IOException, InterruptedException {
        run(log, command, Map.of());
    }

    private static void run(Path log, List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("did not end within " + RUN_LIMIT + ": " + String.join(" ", command.subList(0, 1))
                    + "; its output is in " + log);
        }
        assertEquals(0, process.exitValue(), "exit code of " + command.get(command.size() - 1) + "; its output is in " + log
                + ":\n" + tail(log));
    }

    private Map<String, Object> figures(TollgateRun typical, ScriptRun peer, double ratio, List<TollgateRun> parallel,
            List<TollgateRun> oneByOne, List<ScriptRun> script) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("benchmark", "release-gate, 5 suites, 1.0.0 -> 1.1.0, profile " + profile.id());
        figures.put("cores", Runtime.getRuntime().availableProcessors());
        figures.put("rounds", parallel.size());
        figures.put("tollgateSeconds", typical.seconds());
        figures.put("scriptSeconds", peer.seconds());
        figures.put("ratioToScript", ratio);
        figures.put("ratioTarget", profile.ratioTarget());
        figures.put("tollgateShare", typical.phases().tollgateShare());
        figures.put("tollgateShareTarget", profile.shareTarget());
        figures.put("phases", Map.of("tollgate", typical.phases().tollgate(), "systemUnderTest", typical.phases().systemUnderTest()));
        figures.put("script", profile.compose() ? Map.of("lifecycleSeconds", peer.scriptSeconds(), "databaseContainerIncluded", true)
                : Map.of("databaseServerStartSeconds", peer.serverStartSeconds(), "lifecycleAndServerStopSeconds", peer.scriptSeconds(),
                        "serviceAuthentication", SCRIPT_PASSWORDS ? "scram-sha-256, as on Tollgate's local server (ServerPasswords)"
                                : "trust (no password)"));
        figures.put("tollgateParallelRunsSeconds", parallel.stream().map(TollgateRun::seconds).toList());
        figures.put("tollgateSequentialRunsSeconds", oneByOne.stream().map(TollgateRun::seconds).toList());
        figures.put("scriptRunsSeconds", script.stream().map(ScriptRun::seconds).toList());
        if (!oneByOne.isEmpty()) {
            figures.put("sequentialToParallel", median(oneByOne, TollgateRun::seconds).seconds() / typical.seconds());
        }
        return figures;
    }

    private void print(TollgateRun typical, ScriptRun peer, double ratio, List<TollgateRun> oneByOne, int rounds) {
        PhaseBreakdown phases = typical.phases();
        double work = phases.tollgateSeconds() + phases.systemUnderTestSeconds();
        System.out.println();
        System.out.printf(Locale.ROOT, "release-gate benchmark: 5 suites, 1.0.0 → 1.1.0, %s, %d cores, median of %d round(s)%n",
                profile.id(), Runtime.getRuntime().availableProcessors(), rounds);
        System.out.printf(Locale.ROOT, "  %-72s %8s %7s%n", "phase (summed over suites that overlap)", "seconds", "share");
        System.out.println("  system under test");
        phases.systemUnderTest().forEach((phase, seconds) -> row("  " + phase, seconds, seconds / work));
        System.out.println("  Tollgate");
        phases.tollgate().forEach((phase, seconds) -> row("  " + phase, seconds, seconds / work));
        row("system under test, total", phases.systemUnderTestSeconds(), phases.systemUnderTestSeconds() / work);
        row(String.format(Locale.ROOT, "Tollgate, total (target ≤ %.0f %%)", profile.shareTarget() * 100), phases.tollgateSeconds(),
                phases.tollgateShare());
        System.out.println();
        System.out.printf(Locale.ROOT, "  %-72s %8s %7s%n", "wall time to verdict", "seconds", "ratio");
        row2(profile.compose() ? "bench/lifecycle-compose.sh, database container included, no checks"
                : "bench/lifecycle.sh (database server " + String.format(Locale.ROOT, "%.1f", peer.serverStartSeconds())
                + " s + script + its stop), no checks", peer.seconds(), 1.0);
        row2(String.format(Locale.ROOT, "tollgate run, suites in parallel, all checks, reports (target ≤ %.1f)", profile.ratioTarget()),
                typical.seconds(), ratio);
        if (!oneByOne.isEmpty()) {
            double seconds = median(oneByOne, TollgateRun::seconds).seconds();
            row2("Tollgate, suites one by one (-Dtollgate.parallel.enabled=false)", seconds, seconds / peer.seconds());
        }
    }

    private static void row(String label, double seconds, double share) {
        System.out.printf(Locale.ROOT, "  %-72s %8.2f %6.1f%%%n", label, seconds, 100 * share);
    }

    private static void row2(String label, double seconds, double ratio) {
        System.out.printf(Locale.ROOT, "  %-72s %8.2f %7.2f%n", label, seconds, ratio);
    }

    private static <T> T median(List<T> runs, java.util.function.ToDoubleFunction<T> seconds) {
        List<T> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingDouble(seconds));
        return sorted.get(sorted.size() / 2);
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private static boolean onPath(String tool) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }
}
