package dev.tollgate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Which suites: files and directories, narrowed by tag and by suite name. */
final class SelectionOptions {

    @Parameters(paramLabel = "SUITES", arity = "0..*", description = "Suite files (*.suite.yaml) or directories "
            + "holding them. Default: ROOT/suites (ROOT/suites/src/suites in Tollgate's own reactor).")
    List<Path> paths = new ArrayList<>();

    @Option(names = {"-t", "--tag"}, paramLabel = "TAG", split = ",", description = "Only suites with this tag or "
            + "tag expression (upgrade, clean-install, authz, rollback, release-gate, \"upgrade & !slow\"), as "
            + "-Pupgrade selects with Maven. Repeatable: any of them.")
    List<String> tags = new ArrayList<>();

    @Option(names = {"-s", "--suite"}, paramLabel = "NAME", split = ",", description = "Only the suite with this "
            + "name (suite: in its file) or file name. Repeatable.")
    List<String> suites = new ArrayList<>();

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /**
     * The paths given, or the project's suites.
     *
     * @throws ParameterException when a path does not exist: a usage error that names it, never a
     *                            stack trace
     */
    List<Path> pathsOr(Project project) {
        if (paths.isEmpty()) {
            Path suites = project.defaultSuites();
            if (!Files.isDirectory(suites)) {
                throw new ParameterException(spec.commandLine(), "no suites to run: " + suites + " does not exist. Name the "
                        + "suite files or directories to run (tollgate run path/to/suites), or run from your project's root "
                        + "(--root DIR), where they are in suites/.");
            }
            return List.of(suites);
        }
        List<Path> given = paths.stream().map(Path::toAbsolutePath).toList();
        for (Path path : given) {
            if (!Files.exists(path)) {
                throw new ParameterException(spec.commandLine(), "no suite file or directory " + path
                        + ": give *.suite.yaml files or directories that hold them");
            }
        }
        return given;
    }
}
