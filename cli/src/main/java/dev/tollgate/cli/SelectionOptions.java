package dev.tollgate.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Which suites: files and directories, narrowed by tag and by suite name. */
final class SelectionOptions {

    @Parameters(paramLabel = "SUITES", arity = "0..*", description = "Suite files (*.suite.yaml) or directories "
            + "holding them. Default: ROOT/suites/src/suites.")
    List<Path> paths = new ArrayList<>();

    @Option(names = {"-t", "--tag"}, paramLabel = "TAG", split = ",", description = "Only suites with this tag or "
            + "tag expression (upgrade, clean-install, authz, rollback, release-gate, \"upgrade & !slow\"), as "
            + "-Pupgrade selects with Maven. Repeatable: any of them.")
    List<String> tags = new ArrayList<>();

    @Option(names = {"-s", "--suite"}, paramLabel = "NAME", split = ",", description = "Only the suite with this "
            + "name (suite: in its file) or file name. Repeatable.")
    List<String> suites = new ArrayList<>();

    /** The paths given, or the project's suites. */
    List<Path> pathsOr(Project project) {
        return paths.isEmpty() ? List.of(project.defaultSuites()) : paths.stream().map(Path::toAbsolutePath).toList();
    }
}
