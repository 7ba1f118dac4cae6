package dev.tollgate.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

import dev.tollgate.api.Constants;
import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.load.ProfileLoader;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Variables;
import dev.tollgate.report.RunRecord;
import dev.tollgate.report.RunRecordJson;
import dev.tollgate.reports.AllureAhead;
import dev.tollgate.reports.ReadinessReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tollgate run}: a rehearsal, then the verdict. The same engine, progress lines, run record,
 * release-readiness files and Allure report as {@code mvn verify -Pupgrade}; options instead of
 * Maven properties.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Rehearse a release: run the selected suites on a profile, then decide GO / NO-GO / "
                + "INCONCLUSIVE and write release-readiness.json and .md (and the Allure report) to the output "
                + "directory.", ""},
        footer = {"", "Examples:",
                "  tollgate run --tag upgrade                # = mvn verify -Pupgrade",
                "  tollgate run --tag upgrade --candidate 1.1.0-bad-version --gate report-only",
                "  tollgate run --chain 1.0.0,1.1.0,2.0.0 --suite upgrade-from-previous",
                "  tollgate run --profile quickstart --tag release-gate --out build/tollgate",
                "", "Exit codes: 0 GO (or any verdict with --gate report-only), 1 NO-GO or INCONCLUSIVE, "
                + "2 bad options, suites or profile (nothing ran), 3 broken environment."})
final class RunCommand implements Callable<Integer> {

    @Mixin
    ReleaseOptions release;

    @Mixin
    SelectionOptions selection;

    @Mixin
    ProjectOptions project;

    @Mixin
    VerdictOptions verdict;

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Where "
            + "release-readiness.json/.md, the run record and logs (tollgate/), allure-results/, allure-report/ and "
            + "the Allure history go. Default: the project's (out: in tollgate.yaml), else ROOT/tollgate-out.")
    Path out;

    @Option(names = "--shard", paramLabel = "INDEX/COUNT", description = "Run only this part of the selection's "
            + "units (each suite on each upgrade path), e.g. 2/4, the same part on every machine; combine the parts' "
            + "output directories with tollgate merge. Default: all of it.")
    String shard;

    @Option(names = "--durations-from", paramLabel = "RUN_JSON", description = "With --shard: a previous run's "
            + "record (OUT/tollgate/run.json), whose suite times balance the shards. Default: balance by count.")
    Path durationsFrom;

    @Override
    public Integer call() {
        verdict.check();
        PrintStream stdout = System.out;
        Project where = project.project();
        release.in(where);
        Path outDir = where.out(out);
        Path evidence = outDir.resolve("tollgate");
        Path allureResults = outDir.resolve("allure-results");
        Map<String, String> settings = new LinkedHashMap<>(project.apply(where));
        Path profileFile;
        try {
            Profile profile = new ProfileLoader(Variables.fromSystem()).locateAndLoad(release.profile, where.profilesDir());
            // While the suites are found and loaded: what the runtime's first start would wait for.
            dev.tollgate.engine.Runtimes.warmUp(profile);
            profileFile = profile.source();
            release.resolve(profile, where.file().matrix());
        } catch (TollgateException e) {
            System.err.println(e.getMessage());
            return e.code().exitCode();
        }
        settings.putAll(release.settings());
        settings.put(Constants.EVIDENCE_DIR, evidence.toString());
        settings.forEach(System::setProperty);
        // Allure's listener reads it when it starts; results of an earlier run must not mix in.
        System.setProperty("allure.results.directory", allureResults.toString());
        deleteTree(allureResults, "the run");
        deleteTree(evidence.resolve("run.json"), "the run");
        deleteTree(outDir.resolve("failsafe-reports"), "the run");

        List<Path> paths = selection.pathsOr(where);
        AtomicReference<RunRecord> record = new AtomicReference<>();
        EngineSession.Discovery discovery = EngineSession.discover(paths, selection.tags, selection.suites, settings, record::set);
        if (!discovery.errors().isEmpty()) {
            discovery.errors().forEach(issue -> System.err.println(issue.message()));
            System.err.println("tollgate: " + discovery.errors().size() + " problem(s) in the suites; nothing was run. "
                    + "Fix them (tollgate validate lists them) and run again.");
            return ExitCodes.USAGE;
        }
        if (!discovery.unmatched().isEmpty()) {
            System.err.println("tollgate: no suite named " + String.join(", ", discovery.unmatched()) + " in "
                    + paths + (selection.tags.isEmpty() ? "" : " with tags " + selection.tags)
                    + ". List what there is with: tollgate list");
            return ExitCodes.USAGE;
        }
        Optional<ShardSelection> part = Optional.empty();
        if (shard != null) {
            part = Optional.of(ShardSelection.of(discovery, release.paths(), shardPart(), durationsFile()));
            // Discovered again, narrowed: a plan cannot be narrowed after discovery (the launcher owns it).
            discovery = EngineSession.discover(paths, selection.tags, selection.suites, settings, record::set, part.get());
            stdout.println("[tollgate] " + part.get().describe());
        }
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        FailurePrinter failures = new FailurePrinter(stdout);
        // Where the reports module's evidence line says a Maven run keeps its JUnit XML.
        Path junitXml = outDir.resolve("failsafe-reports");
        // The report's log is where the reports module writes it (beside allure-report/).
        ReportAhead reportAhead = new ReportAhead(() -> verdict.allureHome(where).ifPresent(home ->
                AllureAhead.start(home, outDir.resolve(AllureAhead.LOG_FILE))));
        discovery.launcher().execute(discovery.plan(), failures, reportAhead,
                new LegacyXmlReportGeneratingListener(junitXml, new PrintWriter(System.err, true)));

        // A shard's record says which part it holds, so that tollgate merge can check the parts fit. The engine
        // wrote it so; a shard of no suite ran nothing, and its (empty) record is written here.
        part.filter(chosen -> record.get() == null).ifPresent(chosen -> {
            record.set(ShardMerge.empty(release, started).withShard(chosen.shard()));
            RunRecordJson.write(record.get(), evidence.resolve(RunRecordJson.FILE_NAME));
        });
        // The record the engine just made, judged as it is: run.json is for a gate in another JVM.
        int judged = ReadinessReport.run(verdict.reportOptions(where, profileFile, outDir, started,
                release.effectivePrevious(), release.effectiveCandidate(), release.profile),
                Optional.ofNullable(record.get()), stdout, System.err);
        ClassDataArchive.runReachedAVerdict();
        // A setting the engine refused (a bad -D value) is a usage error whatever the gate says.
        return failures.runFailure().filter(e -> e.code().phase() == ErrorCode.Phase.LOAD)
                .map(e -> ExitCodes.USAGE).orElse(judged);
    }

    private ShardPlan.Part shardPart() {
        try {
            return ShardPlan.Part.parse(shard);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private Path durationsFile() {
        if (durationsFrom == null) {
            return null;
        }
        if (!Files.isRegularFile(durationsFrom)) {
            throw new ParameterException(spec.commandLine(), "--durations-from " + durationsFrom + " does not exist: give"
                    + " the run.json of an earlier run (OUT/tollgate/run.json), or leave it out to balance by count");
        }
        return durationsFrom.toAbsolutePath();
    }

    /**
     * Deletes {@code path} and all below it, if it exists: output an earlier run left.
     *
     * @param before what it is cleared for ({@code the run}), for the message when it cannot be
     */
    static void deleteTree(Path path, String before) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new TollgateException(ErrorCode.RUNTIME_IO, "Cannot clear " + path + " before " + before + ": "
                    + e.getMessage(), e);
        }
    }
}
