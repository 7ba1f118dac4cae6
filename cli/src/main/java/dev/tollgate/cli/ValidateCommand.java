package dev.tollgate.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.engine.TollgateTestEngine;
import dev.tollgate.load.ProfileLoader;
import dev.tollgate.load.SuiteLoadResult;
import dev.tollgate.load.SuiteLoader;
import dev.tollgate.model.LoadIssue;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Variables;
import dev.tollgate.runtime.compose.ComposeCli;
import dev.tollgate.runtime.compose.ComposeFileCheck;
import dev.tollgate.runtime.compose.ComposeFinding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tollgate validate}: loads suites and profiles as a run would, starts nothing, and prints
 * every problem as the engine's discovery reports it ({@code file:line:column: what; what would be
 * valid}), for CI and for editing.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Lint suites and profiles without running anything: the same errors, with file:line:column "
                + "and the fix, as a run would report before it starts.", ""},
        footer = {"", "Examples:",
                "  tollgate validate                               # ROOT/suites/src/suites and every profile",
                "  tollgate validate my-suites/ --profile staging",
                "  tollgate validate smoke.suite.yaml --no-profiles",
                "", "Exit codes: 0 all valid, 1 problems found, 2 bad options."})
final class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SUITES", arity = "0..*", description = "Suite files (*.suite.yaml) or directories "
            + "holding them. Default: ROOT/suites/src/suites.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "NAME|FILE", description = "Profiles to check. Default: every folder "
            + "of the profiles directory that holds a profile.yaml. Repeatable.")
    List<String> profiles = new ArrayList<>();

    @Option(names = "--no-profiles", description = "Check suites only.")
    boolean noProfiles;

    @Mixin
    ProjectOptions project;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        Project where = project.project();
        project.apply(where);
        SuiteLoader loader = TollgateTestEngine.suiteLoader();
        int problems = 0;
        List<Path> files = suiteFiles(paths.isEmpty() ? List.of(where.defaultSuites())
                : paths.stream().map(Path::toAbsolutePath).toList());
        int failedFiles = 0;
        List<dev.tollgate.model.Suite> suites = new ArrayList<>();
        for (Path file : files) {
            SuiteLoadResult result = loader.load(file);
            result.suite().ifPresent(suites::add);
            result.issues().stream().map(LoadIssue::toString).forEach(out::println);
            problems += result.issues().size();
            failedFiles += result.isLoaded() ? 0 : 1;
        }
        int profilesChecked = 0;
        if (!noProfiles) {
            List<String> names = profiles.isEmpty() ? profilesIn(where.profilesDir()) : profiles;
            for (ProfileReport report : checkProfiles(names, where, suites)) {
                profilesChecked++;
                out.print(report.text());
                problems += report.problems();
            }
        }
        String scope = files.size() + (files.size() == 1 ? " suite file" : " suite files")
                + (noProfiles ? "" : " and " + profilesChecked + (profilesChecked == 1 ? " profile" : " profiles"));
        if (problems == 0) {
            out.println("✔ " + scope + " valid");
            return ExitCodes.OK;
        }
        out.println("✘ " + problems + (problems == 1 ? " problem" : " problems") + " in " + scope
                + (failedFiles > 0 ? " (" + failedFiles + " suite files do not load)" : ""));
        return ExitCodes.FAILED;
    }

    /** What checking one profile found: its lines, as printed, and how many problems they are. */
    private record ProfileReport(String text, int problems) {
    }

    /**
     * Each profile checked beside the others, reported in order. A compose profile's check waits on
     * its compose CLI resolving the file ({@code config}), which is Compose v1's Python starting for
     * most of a second: one by one, the four example profiles took 2.4 s, 2.0 s of it waiting.
     */
    private static List<ProfileReport> checkProfiles(List<String> names, Project where, List<dev.tollgate.model.Suite> suites) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(names.size(),
                Runtime.getRuntime().availableProcessors())), runnable -> {
                    Thread thread = new Thread(runnable, "tollgate-validate-profile");
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            List<Future<ProfileReport>> checks = names.stream().map(name -> pool.submit(() -> {
                ByteArrayOutputStream text = new ByteArrayOutputStream();
                try (PrintStream lines = new PrintStream(text, true, StandardCharsets.UTF_8)) {
                    int problems = checkProfile(name, where, suites, lines);
                    return new ProfileReport(text.toString(StandardCharsets.UTF_8), problems);
                }
            })).toList();
            List<ProfileReport> reports = new ArrayList<>();
            for (Future<ProfileReport> check : checks) {
                reports.add(check.get());
            }
            return reports;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the profiles were checked", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Loads one profile. A variable a profile needs at run time and that is not set here is a
     * warning: the file is sound, the run must set it ({@code --set NAME=…}).
     */
    private static int checkProfile(String profile, Project where, List<dev.tollgate.model.Suite> suites, PrintStream out) {
        try {
            Profile loaded = new ProfileLoader(Variables.fromSystem()).locateAndLoad(profile, where.profilesDir());
            ProfileLoader.deprecations(loaded).forEach(warning -> out.println("warning: " + warning));
            // Subjects are obtained when first used: a misspelt one is found here, not deep into a rehearsal.
            // distinct: suites that share a fixture would name each of its lines once per suite.
            List<String> undefined = suites.stream()
                    .flatMap(suite -> dev.tollgate.load.SubjectReferences.undefined(suite, loaded).stream()).distinct().toList();
            undefined.forEach(out::println);
            // An install from a dump this profile's runtime cannot restore, or a dump that is not one.
            List<String> baselines = dev.tollgate.runtime.BaselineDumps.problems(suites, loaded, Variables.fromSystem());
            baselines.forEach(out::println);
            return undefined.size() + baselines.size() + ("compose".equals(loaded.runtime()) ? checkComposeFile(loaded, out) : 0);
        } catch (TollgateException e) {
            if (e.code() == ErrorCode.LOAD_UNDEFINED_VARIABLE) {
                e.getMessage().lines().forEach(line -> out.println("warning: " + line));
                return 0;
            }
            out.println(e.getMessage());
            return 1;
        }
    }

    /**
     * The compose file as Compose resolves it: each finding with its file, service and fix; errors
     * count as problems. Without a compose CLI the file cannot be resolved: a warning says so.
     */
    private static int checkComposeFile(Profile profile, PrintStream out) {
        ComposeCli cli;
        try {
            cli = ComposeCli.detect();
        } catch (TollgateException e) {
            out.println("warning: " + profile.describe() + ": its compose file was not checked: " + e.getMessage());
            return 0;
        }
        List<ComposeFinding> findings = ComposeFileCheck.check(profile, cli);
        findings.forEach(out::println);
        return (int) findings.stream().filter(finding -> finding.severity() == ComposeFinding.Severity.ERROR).count();
    }

    /** As the engine selects them: a directory's suite files in path order, a file as given. */
    static List<Path> suiteFiles(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.isDirectory(path)) {
                files.add(path);
                continue;
            }
            try (Stream<Path> walk = Files.walk(path)) {
                walk.filter(Files::isRegularFile).filter(SuiteLoader::isSuiteFile).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list suites in " + path, e);
            }
        }
        return files;
    }

    private static List<String> profilesIn(Path profilesDir) {
        if (!Files.isDirectory(profilesDir)) {
            throw new TollgateException(ErrorCode.LOAD_PROFILE_NOT_FOUND, "No profiles directory " + profilesDir
                    + ": give --profiles-dir DIR or --root DIR, or check suites only with --no-profiles.");
        }
        try (Stream<Path> dirs = Files.list(profilesDir)) {
            return dirs.filter(dir -> Files.isRegularFile(dir.resolve("profile.yaml")))
                    .map(dir -> dir.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list profiles in " + profilesDir, e);
        }
    }
}
