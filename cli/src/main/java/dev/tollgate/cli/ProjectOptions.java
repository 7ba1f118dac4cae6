package dev.tollgate.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine.Option;

/** Options every command takes: where the project is, and variables for profiles and suites. */
final class ProjectOptions {

    /** The variable that holds the project's directory, for paths in profiles, suites and {@code tollgate.yaml}. */
    static final String PROJECT_DIR = "project.dir";

    @Option(names = "--root", paramLabel = "DIR", description = "Project root: profiles/, suites/src/suites, "
            + "waivers.yaml and .tollgate/ are found under it. Default: the nearest directory upwards with a "
            + "profiles/ folder, else the checkout the jar was built in.")
    Path root;

    @Option(names = "--profiles-dir", paramLabel = "DIR", description = "One folder per profile. Default: ROOT/profiles.")
    Path profilesDir;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "A variable for profiles and suites, as "
            + "-DNAME=VALUE is with Maven (e.g. --set tollgate.sampleApp.jar=PATH, --set TOLLGATE_ADMIN_TOKEN=…). "
            + "Repeatable.")
    Map<String, String> variables = new LinkedHashMap<>();

    Project project() {
        return Project.locate(root, profilesDir);
    }

    /**
     * The variables as system properties, where profiles, suites and the engine read them:
     * {@code project.dir}, the project's {@code variables:} (with {@code ${project.dir}} in them
     * replaced), then {@code --set}, which wins. The sample service's jar defaults to where
     * Tollgate's build puts it, as the parent pom does.
     */
    Map<String, String> apply(Project project) {
        Map<String, String> all = new LinkedHashMap<>();
        if (System.getProperty("tollgate.sampleApp.jar") == null) {
            all.put("tollgate.sampleApp.jar", project.sampleAppJar().toString());
        }
        all.put(dev.tollgate.api.Constants.PROFILES_DIR, project.profilesDir().toString());
        all.put(PROJECT_DIR, project.root().toString());
        project.file().variables().forEach((name, value) ->
                all.put(name, value.replace("${" + PROJECT_DIR + "}", project.root().toString())));
        all.putAll(variables);
        all.forEach(System::setProperty);
        return all;
    }
}
