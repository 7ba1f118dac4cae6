package dev.tollgate.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a project's parts are: its root (a directory with a {@code tollgate.yaml}, see
 * {@link ProjectFile}), its profiles and suites, and where a run writes. A run reads nothing from
 * where Tollgate is installed but Tollgate's own files (its Allure command line).
 *
 * @param root        paths in reports are shown relative to it
 * @param profilesDir one folder per profile, each with its {@code profile.yaml}
 * @param file        what the project's {@code tollgate.yaml} says, or {@link ProjectFile#none()}
 */
record Project(Path root, Path profilesDir, ProjectFile file) {

    /** The profile a run uses when neither the command line nor the project names one. */
    static final String DEFAULT_PROFILE = dev.tollgate.api.Constants.DEFAULT_PROFILE;

    /**
     * @param root        {@code --root}, or null: the nearest directory upwards from here with a
     *                    {@code tollgate.yaml}, else with a {@code profiles/} folder, else here
     * @param profilesDir {@code --profiles-dir}, or null: what {@code tollgate.yaml} says, else
     *                    {@code ROOT/profiles}
     */
    static Project locate(Path root, Path profilesDir) {
        Path here = Path.of("").toAbsolutePath();
        Path chosen = root != null ? root.toAbsolutePath().normalize()
                : upwards(here, ProjectFile.FILE_NAME).or(() -> upwards(here, "profiles")).orElse(here);
        ProjectFile file = ProjectFile.in(chosen).orElse(ProjectFile.none());
        Path profiles = profilesDir != null ? profilesDir.toAbsolutePath().normalize()
                : chosen.resolve(file.profiles() == null ? "profiles" : file.profiles()).normalize();
        return new Project(chosen, profiles, file);
    }

    /** The profile named on the command line, else the project's default, else {@code local}. */
    String profile(String given) {
        return given != null ? given : file.profile() != null ? file.profile() : DEFAULT_PROFILE;
    }

    /** The output directory given, else the project's ({@code out:}), else {@code ROOT/tollgate-out}. */
    Path out(Path given) {
        return (given != null ? given.toAbsolutePath() : root.resolve(file.out() == null ? "tollgate-out" : file.out()))
                .normalize();
    }

    /**
     * The suites a selection without paths runs: what {@code tollgate.yaml} says, else
     * {@code ROOT/suites}, or in Tollgate's own reactor {@code ROOT/suites/src/suites}.
     */
    Path defaultSuites() {
        if (file.suites() != null) {
            return root.resolve(file.suites()).normalize();
        }
        Path reactor = root.resolve("suites").resolve("src").resolve("suites");
        return Files.isDirectory(reactor) ? reactor : root.resolve("suites");
    }

    /** Where the Maven build puts the sample service; the parent pom passes the same path. */
    Path sampleAppJar() {
        return root.resolve("sample-app").resolve("target").resolve("sample-app.jar");
    }

    /**
     * A file a run reads beside its profile (gate rules, waivers), else at the project's root.
     *
     * @param profileFile the profile's {@code profile.yaml}, however it was named
     */
    Optional<Path> besideProfileOrRoot(Path profileFile, String name) {
        Path parent = profileFile == null ? null : profileFile.toAbsolutePath().getParent();
        return Stream.of(parent == null ? null : parent.resolve(name), root.resolve(name))
                .filter(path -> path != null && Files.isRegularFile(path)).findFirst();
    }

    /**
     * The Allure command line: the one shipped beside Tollgate's jar in a distribution
     * ({@code lib/allure/allure-X}), else the one Tollgate's own build unpacks
     * ({@code reports/target/allure-commandline/allure-X}).
     */
    Optional<Path> allureHome() {
        return besideJar().map(lib -> lib.resolve("allure")).flatMap(Project::allureIn)
                .or(() -> allureIn(root.resolve("reports").resolve("target").resolve("allure-commandline")));
    }

    /** Where {@link #allureHome()} looked, for a message when it found none. */
    String allurePlaces() {
        return besideJar().map(lib -> lib.resolve("allure") + ", ").orElse("")
                + root.resolve("reports").resolve("target").resolve("allure-commandline");
    }

    private static Optional<Path> allureIn(Path unpacked) {
        if (!Files.isDirectory(unpacked)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(unpacked)) {
            return dirs.filter(dir -> dir.getFileName().toString().startsWith("allure-"))
                    .filter(dir -> Files.isRegularFile(dir.resolve("bin").resolve("allure")))
                    .max(Comparator.naturalOrder());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> upwards(Path start, String marker) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(marker))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    // The directory of the running jar (lib/ in a distribution, cli/target in a build).
    private static Optional<Path> besideJar() {
        try {
            Path jar = Path.of(Project.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(jar) ? Optional.ofNullable(jar.getParent()) : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
