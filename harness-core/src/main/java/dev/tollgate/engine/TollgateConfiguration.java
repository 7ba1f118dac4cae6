package dev.tollgate.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.platform.engine.ConfigurationParameters;

import dev.tollgate.api.Constants;
import dev.tollgate.model.Release;

/**
 * The {@code tollgate.*} settings of one run, typed. JUnit's configuration parameters fall back to
 * JVM system properties, so {@code -Dtollgate.candidate=…} on the Maven command line reaches here.
 */
record TollgateConfiguration(String profile, Path profilesDir, Release previous, Release candidate,
        Path evidenceDir, Path workDir) {

    static TollgateConfiguration from(ConfigurationParameters parameters) {
        return new TollgateConfiguration(
                parameters.get(Constants.PROFILE).orElse(Constants.DEFAULT_PROFILE),
                parameters.get(Constants.PROFILES_DIR).map(Path::of).orElseGet(TollgateConfiguration::findProfilesDir),
                new Release(parameters.get(Constants.PREVIOUS).orElse(Constants.DEFAULT_PREVIOUS)),
                new Release(parameters.get(Constants.CANDIDATE).orElse(Constants.DEFAULT_CANDIDATE)),
                parameters.get(Constants.EVIDENCE_DIR).map(Path::of).orElse(Path.of("target", "tollgate")).toAbsolutePath(),
                parameters.get(Constants.WORK_DIR).map(Path::of).orElse(Path.of(System.getProperty("java.io.tmpdir"))));
    }

    /** From an IDE the working directory is a module: look for the reactor's {@code profiles} upwards. */
    private static Path findProfilesDir() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            Optional<Path> candidate = Optional.of(dir.resolve("profiles")).filter(Files::isDirectory);
            if (candidate.isPresent()) {
                return candidate.get();
            }
        }
        return here.resolve("profiles");
    }
}
