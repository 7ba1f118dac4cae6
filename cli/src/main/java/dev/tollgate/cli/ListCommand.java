package dev.tollgate.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.launcher.TestIdentifier;

import dev.tollgate.engine.TollgateTestEngine;
import dev.tollgate.model.Profile;
import dev.tollgate.model.ReleaseSpec;
import dev.tollgate.model.Step;
import dev.tollgate.model.Suite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code tollgate list}: what {@code run} with the same options would run — each suite with its
 * tags and file, each step with its line, and the checks of each check step — found by the
 * engine's own discovery, so the list and the run cannot disagree.
 */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show the suites, steps and checks a selection would run, without running anything.", ""},
        footer = {"", "Examples:",
                "  tollgate list --tag upgrade",
                "  tollgate list --suite authz --candidate 2.0.0",
                "", "Exit codes: 0 something selected, 1 nothing selected, 2 bad options or malformed suites."})
final class ListCommand implements Callable<Integer> {

    @Mixin
    ReleaseOptions release;

    @Mixin
    SelectionOptions selection;

    @Mixin
    ProjectOptions project;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        Project where = project.project();
        release.in(where);
        Map<String, String> settings = new java.util.LinkedHashMap<>(project.apply(where));
        Profile profile;
        try {
            profile = new dev.tollgate.load.ProfileLoader(dev.tollgate.model.Variables.fromSystem())
                    .locateAndLoad(release.profile, where.profilesDir());
            release.resolve(profile, where.file().matrix());
        } catch (dev.tollgate.api.TollgateException e) {
            System.err.println(e.getMessage());
            return e.code().exitCode();
        }
        settings.putAll(release.settings());
        settings.forEach(System::setProperty);
        List<Path> paths = selection.pathsOr(where);
        EngineSession.Discovery discovery = EngineSession.discover(paths, selection.tags, selection.suites, settings);
        if (!discovery.errors().isEmpty()) {
            discovery.errors().forEach(issue -> System.err.println(issue.message()));
            System.err.println("tollgate: " + discovery.errors().size() + " problem(s) in the suites (tollgate validate lists them)");
            return ExitCodes.USAGE;
        }
        if (!discovery.unmatched().isEmpty()) {
            System.err.println("tollgate: no suite named " + String.join(", ", discovery.unmatched()) + " in the selection");
            return ExitCodes.USAGE;
        }
        out.println("profile " + release.profile + ", " + release.effectivePrevious() + " → " + release.effectiveCandidate()
                + (selection.tags.isEmpty() ? "" : ", tags " + String.join(" | ", selection.tags)));
        if (!profile.releases().isEmpty()) {
            out.println("releases " + profile.releases().byId().entrySet().stream()
                    .map(entry -> entry.getKey() + described(where, entry.getValue())).collect(Collectors.joining(", ")));
        }
        int steps = 0;
        int checks = 0;
        for (TestIdentifier suite : discovery.suites()) {
            Optional<FileSource> file = fileOf(suite.getSource());
            Map<String, Step> byPosition = file.map(source -> stepsByPosition(source.getFile().toPath())).orElse(Map.of());
            out.println();
            out.println("suite " + suite.getDisplayName() + "  [" + suite.getTags().stream().map(tag -> tag.getName())
                    .collect(Collectors.joining(", ")) + "]  " + file.map(source -> shown(where, source)).orElse(""));
            for (TestIdentifier step : discovery.steps(suite)) {
                steps++;
                Optional<FileSource> at = fileOf(step.getSource());
                Step model = at.map(source -> byPosition.get(key(source.getFile().toPath(),
                        source.getPosition().map(FilePosition::getLine).orElse(0)))).orElse(null);
                int count = model == null ? 0 : model.checks().size();
                checks += count;
                out.printf("  %-50s %s%n", step.getDisplayName(), at.map(source -> shown(where, source)).orElse("")
                        + (count > 0 ? "  (" + count + (count == 1 ? " check: " : " checks: ") + model.checks().stream()
                                .map(check -> check.type()).distinct().collect(Collectors.joining(", ")) + ")" : ""));
            }
        }
        int suites = discovery.suites().size();
        out.println();
        out.println(suites + (suites == 1 ? " suite, " : " suites, ") + steps + (steps == 1 ? " step, " : " steps, ")
                + checks + (checks == 1 ? " check" : " checks"));
        if (suites == 0) {
            System.err.println("tollgate: the selection finds no suite in " + paths
                    + "; a run of it would be INCONCLUSIVE. Check --tag / --suite, or the paths.");
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }

    /** What a release is besides its id: {@code  (reports 1.1.0, file dist/app.jar)}, or nothing. */
    private static String described(Project where, ReleaseSpec release) {
        List<String> parts = new java.util.ArrayList<>();
        Optional.ofNullable(release.version()).ifPresent(version -> parts.add("reports " + version));
        Optional.ofNullable(release.file()).map(Path::of).map(file -> file.startsWith(where.root())
                ? where.root().relativize(file).toString() : file.toString()).ifPresent(file -> parts.add("file " + file));
        Optional.ofNullable(release.image()).ifPresent(image -> parts.add("image " + image));
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    // Steps of included files keep their own file, so a step is found by file and line.
    private static Map<String, Step> stepsByPosition(Path file) {
        return TollgateTestEngine.suiteLoader().load(file).suite().map(Suite::steps).orElse(List.of()).stream()
                .collect(Collectors.toMap(step -> key(step.position().file(), step.position().line()), Function.identity(),
                        (a, b) -> a));
    }

    private static String key(Path file, int line) {
        return file.toAbsolutePath().normalize() + ":" + line;
    }

    private static Optional<FileSource> fileOf(Optional<TestSource> source) {
        return source.filter(FileSource.class::isInstance).map(FileSource.class::cast);
    }

    private static String shown(Project where, FileSource source) {
        Path file = source.getFile().toPath().toAbsolutePath().normalize();
        String path = file.startsWith(where.root()) ? where.root().relativize(file).toString() : file.toString();
        return path + source.getPosition().map(position -> ":" + position.getLine()).orElse("");
    }
}
