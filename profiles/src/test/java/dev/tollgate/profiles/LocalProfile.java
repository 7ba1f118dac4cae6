package dev.tollgate.profiles;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.tollgate.load.ProfileLoader;
import dev.tollgate.model.Profile;
import dev.tollgate.model.SubjectTokens;
import dev.tollgate.model.Variables;
import dev.tollgate.runtime.LocalRuntime;
import dev.tollgate.runtime.Progress;

/**
 * The shipped {@code local} profile, and runtimes started from it, as the suites would. Public for
 * the tests of other packages (the checks) that need a real running release.
 */
public final class LocalProfile {

    public static final Path PROFILES_DIR = Path.of(System.getProperty("tollgate.profiles.dir", ".."));
    public static final Path EVIDENCE_DIR = Path.of(System.getProperty("tollgate.evidence.dir", "target/tollgate"));

    private LocalProfile() {
    }

    public static Profile load() {
        return new ProfileLoader(Variables.fromSystem()).locateAndLoad("local", PROFILES_DIR);
    }

    public static LocalRuntime start(Profile profile, Path workParent) {
        return LocalRuntime.start(profile, Variables.fromSystem(), workParent, EVIDENCE_DIR, Progress.to(System.out));
    }

    /** The bearer token of one of the profile's subjects ({@code admin}, {@code viewer}, …): generated per load. */
    public static String token(Profile profile, String subject) {
        return SubjectTokens.of(subject, profile.subjects().get(subject), profile, Variables.fromSystem()).orElseThrow();
    }

    public static Path workParent() throws java.io.IOException {
        Path parent = Path.of("target", "work");
        Files.createDirectories(parent);
        return parent.toAbsolutePath();
    }
}
