package dev.tollgate.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tollgate.api.Constants;
import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.model.Profile;
import dev.tollgate.model.ReleaseSpec;
import dev.tollgate.model.Variables;

/** {@code releases:} in a profile: the ids it knows, what each reports, the file or image it is made of. */
class ProfileReleasesTest {

    @TempDir
    Path dir;

    private final ProfileLoader loader = new ProfileLoader(Variables.of(Map.of("dist", "dist")));

    @Test
    void releasesListIdsWithTheirReportedVersionsAndFilesRelativeToTheProfile() throws IOException {
        Files.createDirectories(dir.resolve("dist"));
        Files.writeString(dir.resolve("dist/app-1.0.0.jar"), "one");
        Files.writeString(dir.resolve("dist/app-3.5.0-open.jar"), "two");
        Profile profile = loader.load(write("""
                name: mine
                service:
                  command: [java, -jar, "${release.file}"]
                releases:
                  1.0.0: { file: "${dist}/app-${release}.jar" }
                  3.5.0-open:
                    version: 3.5.0
                    file: dist/app-3.5.0-open.jar
                """));

        assertEquals(List.of("1.0.0", "3.5.0-open"), List.copyOf(profile.releases().ids()));
        assertEquals("1.0.0", profile.reportedVersion("1.0.0"));
        assertEquals("3.5.0", profile.reportedVersion("3.5.0-open"));
        assertEquals(dir.resolve("dist/app-1.0.0.jar").toAbsolutePath().toString(),
                profile.releases().find("1.0.0").map(ReleaseSpec::file).orElseThrow());
        assertEquals(dir.resolve("dist/app-3.5.0-open.jar").toAbsolutePath().toString(),
                profile.releases().find("3.5.0-open").map(ReleaseSpec::file).orElseThrow());
        assertEquals(4, profile.releases().position().line(), "where releases: is, for messages");
    }

    @Test
    void aReleaseKnownByItsIdAloneReportsItsId() throws IOException {
        Profile profile = loader.load(write("""
                name: mine
                service:
                  command: [run, "${release}"]
                releases:
                  26.4.7:
                  26.5.6:
                """));
        assertEquals(List.of("26.4.7", "26.5.6"), List.copyOf(profile.releases().ids()));
        assertEquals("26.5.6", profile.reportedVersion("26.5.6"));
    }

    @Test
    void aMissingFileStopsTheLoadNamingTheReleasesLineAndWhereItLooked() throws IOException {
        Path file = write("""
                name: mine
                service:
                  command: [java, -jar, "${release.file}"]
                releases:
                  1.0.0: { file: dist/app-1.0.0.jar }
                """);
        TollgateException e = assertThrows(TollgateException.class, () -> loader.load(file));
        assertEquals(ErrorCode.LOAD_PROFILE_INVALID, e.code());
        assertTrue(e.getMessage().startsWith(file + ":5:3: 'releases.1.0.0.file': dist/app-1.0.0.jar is not a file (looked for "
                + dir.resolve("dist/app-1.0.0.jar").toAbsolutePath() + ")"), e.getMessage());
    }

    @Test
    void releaseFileInTheCommandNeedsAFileForEveryRelease() throws IOException {
        Files.writeString(dir.resolve("app.jar"), "one");
        Path file = write("""
                name: mine
                service:
                  command: [java, -jar, "${release.file}"]
                releases:
                  1.0.0: { file: app.jar }
                  1.1.0: { version: 1.1 }
                """);
        TollgateException e = assertThrows(TollgateException.class, () -> loader.load(file));
        assertEquals(file + ":3:26: ${release.file} is the file of the release being started, and releases 1.1.0 have no"
                + " file: give each a file: PATH, or start the service without ${release.file}.", e.getMessage());
    }

    @Test
    void anImageIsForComposeProfilesOnly() throws IOException {
        Path file = write("""
                name: mine
                service:
                  command: [run]
                releases:
                  1.0.0: { image: registry.example/app:1.0.0 }
                """);
        TollgateException e = assertThrows(TollgateException.class, () -> loader.load(file));
        assertTrue(e.getMessage().contains("releases.1.0.0.image: an image is for runtime: compose"), e.getMessage());
    }

    @Test
    void versionsBesideReleasesIsRefusedAndAloneStillWorksWithADeprecationWarning() throws IOException {
        Path both = write("""
                name: mine
                service:
                  command: [run]
                releases:
                  1.1.0-open:
                versions:
                  1.1.0-open: 1.1.0
                """);
        TollgateException e = assertThrows(TollgateException.class, () -> loader.load(both));
        assertTrue(e.getMessage().contains("versions: is replaced by releases: and cannot be used beside it; move each entry"
                + " under its release, like releases: { 1.1.0-open: { version: 1.1.0 } }"), e.getMessage());

        Path alone = write("""
                name: mine
                service:
                  command: [run]
                versions:
                  1.1.0-open: 1.1.0
                """);
        Profile profile = loader.load(alone);
        assertEquals("1.1.0", profile.reportedVersion("1.1.0-open"));
        assertEquals(List.of(alone + ":4: versions: is deprecated and will go; list the releases instead, each with what it"
                + " reports: releases: { 1.1.0-open: { version: 1.1.0 } }"), ProfileLoader.deprecations(profile));
    }

    @Test
    void aReleaseTheProfileDoesNotListIsRefusedWithTheProfilesLineAndTheKnownIds() throws IOException {
        Path file = write("""
                # Keycloak
                name: mine
                service:
                  command: [run, "${release}"]
                defaults: { previous: 26.4.7, candidate: 26.5.6 }
                releases:
                  26.4.7:
                  26.5.6:
                """);
        Profile profile = loader.load(file);
        Map<String, List<String>> named = new LinkedHashMap<>();
        named.put(Constants.PREVIOUS, List.of("26.4.7"));
        named.put(Constants.CANDIDATE, List.of("26.5.7"));

        TollgateException e = assertThrows(TollgateException.class,
                () -> profile.releases().requireKnown(profile.describe(), named));

        assertEquals(ErrorCode.LOAD_INVALID_SETTING, e.code());
        assertEquals(file + ":6: release 26.5.7 (-Dtollgate.candidate=26.5.7) is not one of the releases the profile lists:"
                + " 26.4.7, 26.5.6. Name one of them, or add 26.5.7 under releases: in the profile.",
                e.getMessage());
        profile.releases().requireKnown(profile.describe(), Map.of(Constants.CHAIN, List.of("26.4.7", "26.5.6")));
    }

    @Test
    void defaultsMustNameListedReleases() throws IOException {
        Path file = write("""
                name: mine
                service:
                  command: [run, "${release}"]
                releases:
                  1.0.0:
                  1.1.0:
                defaults: { previous: 1.0.0, candidate: 1.2.0 }
                """);
        TollgateException e = assertThrows(TollgateException.class, () -> loader.load(file));
        assertTrue(e.getMessage().contains("defaults: names release 1.2.0, which releases: does not list (1.0.0, 1.1.0)"),
                e.getMessage());
    }

    @Test
    void aProfileWithoutReleasesTakesAnyId() throws IOException {
        Profile profile = loader.load(write("""
                name: mine
                service:
                  command: [run, "${release}"]
                """));
        profile.releases().requireKnown(profile.describe(), Map.of(Constants.CANDIDATE, List.of("anything")));
        assertEquals("anything", profile.reportedVersion("anything"));
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("profile.yaml"), yaml);
    }
}
