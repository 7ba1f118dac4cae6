package dev.tollgate.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import dev.tollgate.api.TollgateException;
import dev.tollgate.load.ProfileLoader;
import dev.tollgate.model.Variables;
import dev.tollgate.report.RunRecord;
import dev.tollgate.report.RunRecordJson;
import dev.tollgate.reports.ReadinessReport;
import dev.tollgate.reports.ReportOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tollgate merge}: the output directories of {@code tollgate run --shard I/N} as one run: one
 * run record, one {@code release-readiness.json}/{@code .md}, one Allure report, and the verdict the
 * run would have had unsharded. Shards that do not fit together (another candidate, a missing shard,
 * a unit run twice) make the verdict INCONCLUSIVE, naming the shard or unit.
 */
@Command(name = "merge", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Combine the output directories of sharded runs (tollgate run --shard I/N) into one run record, "
                + "release-readiness.json/.md and Allure report, and decide the verdict of the whole run.", ""},
        footer = {"", "Examples:",
                "  tollgate merge shard-1 shard-2 shard-3 shard-4 --out merged",
                "", "Exit codes: 0 GO (or any verdict with --gate report-only), 1 NO-GO or INCONCLUSIVE (shards that do "
                + "not fit together are INCONCLUSIVE), 2 bad options."})
final class MergeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "The --out directory of each shard.")
    List<Path> shards = new ArrayList<>();

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true, description = "Where the merged "
            + "release-readiness.json/.md, run record (tollgate/run.json), allure-results/ and allure-report/ go.")
    Path out;

    @Mixin
    ProjectOptions project;

    @Mixin
    VerdictOptions verdict;

    @Override
    public Integer call() throws IOException {
        verdict.check();
        Project where = project.project();
        Path outDir = out.toAbsolutePath().normalize();
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<ShardMerge.Part> parts = shards.stream().map(dir -> ShardMerge.Part.read(dir.toAbsolutePath().normalize()))
                .toList();
        ShardMerge.Result result = ShardMerge.of(parts);
        Optional<RunRecord> any = parts.stream().flatMap(part -> part.record().stream()).findFirst();
        Path evidence = outDir.resolve("tollgate");
        Files.createDirectories(evidence);
        Files.deleteIfExists(evidence.resolve(RunRecordJson.FILE_NAME));
        copyAllureResults(parts, outDir.resolve("allure-results"));
        String profile = any.map(RunRecord::profile).orElse(where.profile(null));
        ReportOptions options = verdict.reportOptions(where, profileFile(where, profile), outDir, started,
                any.map(RunRecord::previous).orElse("?"), any.map(RunRecord::candidate).orElse("?"), profile);
        if (result.merged().isEmpty()) {
            return ReadinessReport.runWithout(options, "the shards do not make one run: "
                    + String.join("; ", result.problems()), System.out, System.err);
        }
        RunRecord merged = result.merged().get();
        RunRecordJson.write(merged, evidence.resolve(RunRecordJson.FILE_NAME));
        System.out.println("[tollgate] merged " + parts.size() + " shards: " + merged.suites().size() + " units of "
                + merged.paths().size() + (merged.paths().size() == 1 ? " upgrade path" : " upgrade paths"));
        return ReadinessReport.run(options, Optional.of(merged), System.out, System.err);
    }

    // Waivers and gate rules beside the profile the shards ran on, as the run itself looked for them.
    private static Path profileFile(Project where, String profile) {
        try {
            return new ProfileLoader(Variables.fromSystem()).locateAndLoad(profile, where.profilesDir()).source();
        } catch (TollgateException e) {
            return null;  // the profile is not here (merged on another machine): rules and waivers from ROOT, if any
        }
    }

    /** Allure's results are one file per result, named by a UUID: the shards' sit side by side in one directory. */
    private static void copyAllureResults(List<ShardMerge.Part> parts, Path target) throws IOException {
        RunCommand.deleteTree(target, "the merge");
        Files.createDirectories(target);
        for (ShardMerge.Part part : parts) {
            Path results = part.dir().resolve("allure-results");
            if (!Files.isDirectory(results)) {
                continue;
            }
            try (Stream<Path> files = Files.list(results)) {
                // A file every shard writes alike (environment, categories) is kept once.
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
