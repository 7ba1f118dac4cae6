package dev.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code releases:} in a profile, through the command line as a user runs it: the sample service
 * started from each release's own file ({@code ${release.file}}), a release whose id differs from
 * the version it reports passing the version check, each file's SHA-256 in {@code release-readiness.json},
 * and a release the profile does not list refused before anything starts.
 */
class ReleasesIT {

    private static final Path PROJECT = Path.of("target", "it-run", "releases").toAbsolutePath();
    private static final Path PROFILE = PROJECT.resolve("profiles/mine/profile.yaml");

    @BeforeAll
    static void writeProject() throws IOException {
        deleteTree(PROJECT);
        Files.createDirectories(PROFILE.getParent().resolve("dist"));
        // Each release's own file: the sample's jar, which runs whichever release SAMPLE_RELEASE names.
        Path jar = Path.of(CliProcess.SAMPLE_APP_JAR);
        Files.copy(jar, PROFILE.getParent().resolve("dist/sample-1.0.0.jar"));
        Files.copy(jar, PROFILE.getParent().resolve("dist/sample-1.1.0-open.jar"));
        String local = Files.readString(CliProcess.ROOT.resolve("profiles/local/profile.yaml"));
        String profile = local.replace("name: local", "name: mine")
                .replace("${tollgate.sampleApp.jar}", "${release.file}")
                .replaceAll("(?m)^defaults:.*$", "") + """
                releases:
                  1.0.0:      { file: dist/sample-1.0.0.jar }
                  1.1.0-open: { version: 1.1.0, file: "dist/sample-${release}.jar" }
                defaults: { previous: 1.0.0, candidate: 1.1.0-open }
                """;
        Files.writeString(PROFILE, profile);
        Files.writeString(PROJECT.resolve("tollgate.yaml"), "name: releases\nprofile: mine\nsuites: suites\nout: out\n");
        Files.createDirectories(PROJECT.resolve("suites"));
        Files.writeString(PROJECT.resolve("suites/versions.suite.yaml"), """
                suite: versions-reported
                tags: [health]
                scenario:
                  - install: ${previous}
                  - check: [health, version]
                  - upgrade: ${candidate}
                  - check: [health, version]
                """);
    }

    @Test
    void eachReleaseStartsFromItsFileReportsItsVersionAndItsChecksumIsEvidence() throws IOException {
        CliProcess.Result result = CliProcess.run("run", "--root", PROJECT.toString(), "--gate", "report-only");

        assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
        assertTrue(result.out().contains("] rehearsing 1.0.0 → 1.1.0-open on profile mine"), result::toString);
        // 1.1.0-open reports 1.1.0: the version check passes on what the profile says it reports.
        JsonNode run = new ObjectMapper().readTree(PROJECT.resolve("out/tollgate/run.json").toFile());
        List<String> versionChecks = new ArrayList<>();
        run.findValues("checks").forEach(checks -> checks.forEach(check -> {
            if (check.path("type").asText().equals("version")) {
                versionChecks.add(check.path("status").asText() + " " + check.path("message").asText());
            }
        }));
        assertEquals(2, versionChecks.size(), run::toString);
        versionChecks.forEach(check -> assertTrue(check.startsWith("PASSED"), versionChecks::toString));

        JsonNode artifacts = new ObjectMapper().readTree(PROJECT.resolve("out/release-readiness.json").toFile())
                .path("releases").path("artifacts");
        assertEquals(2, artifacts.size(), artifacts::toString);
        assertArtifact(artifacts.get(0), "1.0.0", "previous", "dist/sample-1.0.0.jar");
        assertArtifact(artifacts.get(1), "1.1.0-open", "candidate", "dist/sample-1.1.0-open.jar");
    }

    @Test
    void aReleaseTheProfileDoesNotListStopsTheRunBeforeAnythingStarts() throws IOException {
        CliProcess.Result result = CliProcess.run("run", "--root", PROJECT.toString(), "--candidate", "1.1.0",
                "--out", PROJECT.resolve("unknown").toString());

        assertEquals(ExitCodes.USAGE, result.exitCode(), result::toString);
        int line = Files.readAllLines(PROFILE).indexOf("releases:") + 1;
        assertTrue(result.err().contains(PROFILE + ":" + line + ": release 1.1.0 (--candidate 1.1.0) is not one of the"
                + " releases the profile lists: 1.0.0, 1.1.0-open. Name one of them, or add 1.1.0 under releases: in the"
                + " profile."), result::toString);
        assertTrue(result.out().isEmpty(), "nothing started: " + result);
        assertFalse(Files.exists(PROJECT.resolve("unknown/tollgate/run.json")), "no run record: " + result);
    }

    @Test
    void listShowsTheReleasesAndValidateFindsAMissingFile() throws IOException {
        CliProcess.Result list = CliProcess.run("list", "--root", PROJECT.toString());
        assertEquals(ExitCodes.OK, list.exitCode(), list::toString);
        assertTrue(list.out().contains("releases 1.0.0 (file profiles/mine/dist/sample-1.0.0.jar), 1.1.0-open (reports 1.1.0,"
                + " file profiles/mine/dist/sample-1.1.0-open.jar)"), list::toString);

        Path missing = PROJECT.resolve("missing");
        deleteTree(missing);
        Files.createDirectories(missing.resolve("profiles/gone"));
        Files.writeString(missing.resolve("profiles/gone/profile.yaml"), """
                name: gone
                service:
                  command: [java, -jar, "${release.file}"]
                releases:
                  2.0.0: { file: dist/app-2.0.0.jar }
                """);
        CliProcess.Result validate = CliProcess.run("validate", PROJECT.resolve("suites").toString(), "--root",
                missing.toString(), "--profile", "gone");
        assertEquals(ExitCodes.FAILED, validate.exitCode(), validate::toString);
        assertTrue(validate.out().contains(missing.resolve("profiles/gone/profile.yaml") + ":5:3: 'releases.2.0.0.file':"
                + " dist/app-2.0.0.jar is not a file (looked for " + missing.resolve("profiles/gone/dist/app-2.0.0.jar")
                + ")"), validate::toString);
    }

    private static void assertArtifact(JsonNode artifact, String release, String role, String file) throws IOException {
        Path path = PROFILE.getParent().resolve(file);
        assertEquals(release, artifact.path("release").asText(), artifact::toString);
        assertEquals(role, artifact.path("role").asText(), artifact::toString);
        assertTrue(artifact.path("file").asText().endsWith(file), artifact::toString);
        assertEquals(sha256(path), artifact.path("sha256").asText(), artifact::toString);
        assertEquals(Files.size(path), artifact.path("bytes").asLong(), artifact::toString);
    }

    // Computed here, independently of Tollgate's own helper, so the evidence is checked against the file itself.
    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
