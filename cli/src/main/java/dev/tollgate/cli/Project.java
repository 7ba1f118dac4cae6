package dev.tollgate.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a project's parts are: its root (profiles, suites, waivers, the Allure history), its
 * profiles directory, and what the Maven build leaves there that a run can use.
 *
 * @param root        paths in reports are shown relative to it
 * @param profilesDir one folder per profile, each with its {@code profile.yaml}
 */
record Project(Path root, Path profilesDir) {

    /**
     * @param root        {@code --root}, or null: the nearest directory upwards from here with a
     *                    {@code profiles/} folder, else the checkout the jar was built in, else here
     * @param profilesDir {@code --profiles-dir}, or null: {@code ROOT/profiles}
     */
    static Project locate(Path root, Path profilesDir) {
        Path here = Path.of("").toAbsolutePath();
        Path chosen = root != null ? root.toAbsolutePath().normalize()
                : upwardsWithProfiles(here).or(Project::checkoutOfJar).orElse(here);
        return new Project(chosen, profilesDir != null ? profilesDir.toAbsolutePath().normalize() : chosen.resolve("profiles"));
    }

    /**
     * The suites a selection without paths runs: {@code ROOT/suites}, or in Tollgate's own reactor
     * {@code ROOT/suites/src/suites}.
     */
    Path defaultSuites() {
        Path reactor = root.resolve("suites").resolve("src").resolve("suites");
        return Files.isDirectory(reactor) ? reactor : root.resolve("suites");
    }

    /** Where the Maven build puts the sample service; the parent pom passes the same path. */
    Path sampleAppJar() {
        return root.resolve("sample-app").resolve("target").resolve("sample-app.jar");
    }

    /** The Allure command line the reports module unpacks ({@code reports/target/allure-commandline/allure-X}). */
    Optional<Path> allureHome() {
        Path unpacked = root.resolve("reports").resolve("target").resolve("allure-commandline");
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

    private static Optional<Path> upwardsWithProfiles(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("profiles"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    // The jar is built at ROOT/cli/target/tollgate.jar: run from elsewhere, it still finds its checkout.
    private static Optional<Path> checkoutOfJar() {
        try {
            Path jar = Path.of(Project.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Optional.ofNullable(jar.getParent()).map(Path::getParent).map(Path::getParent)
                    .filter(dir -> Files.isDirectory(dir.resolve("profiles")));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
