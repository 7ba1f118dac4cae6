package dev.tollgate.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

class ReadinessReportTest {

    /** Later arguments win: this one replaces the default candidate. */
    private static final String BAD_VERSION = "--candidate=1.1.0-bad-version";

    @TempDir
    Path root;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void goRunWritesBothFilesAndPasses() throws IOException {
        writeRun(RunFixtures.upgrade("1.1.0", RunFixtures.PASSING_VERSION));

        assertEquals(0, report());

        JsonNode json = json();
        assertEquals("GO", json.get("verdict").asText());
        assertEquals("1.1.0", json.at("/releases/candidate").asText());
        assertEquals("local", json.get("profile").asText());
        assertEquals(9000, json.at("/timings/durationMillis").asLong());
        assertEquals("install", json.at("/areas/0/area").asText());
        assertEquals("PASSED", json.at("/areas/0/status").asText());
        assertEquals(8, json.at("/suites/0/steps").asInt());
        assertEquals(8, json.at("/suites/0/passed").asInt());
        assertEquals("suites/target/tollgate/run.json", json.at("/evidence/runRecord").asText());
        String md = markdown();
        assertTrue(md.startsWith("## Release readiness: GO — 1.0.0 → 1.1.0 on local\n"), md);
        assertTrue(md.contains("| ✅ | health and version (required) | passed | 6 passed |"), md);
        assertTrue(md.contains("| ✅ | data (required) | passed | 1 passed |"), md);
        assertTrue(md.contains("| — | authorization | not run |  |"), md);
        assertTrue(md.contains("code rollback safe: the previous release passed its checks on the migrated database."), md);
        assertTrue(out().contains("[tollgate] Release readiness: GO — 1.0.0 → 1.1.0 on local"), out());
        assertTrue(out().contains("[tollgate] reports/target/release-readiness.md"), out());
    }

    @Test
    void noGoFailsTheBuildUnlessReportOnly() throws IOException {
        writeRun(RunFixtures.upgrade("1.1.0-bad-version", RunFixtures.FAILING_VERSION));

        assertEquals(1, report(BAD_VERSION));
        assertTrue(err().startsWith("Release readiness is NO-GO: health and version: upgrade-from-previous › check "
                + "health, ready, version, migrations, convergence, safety, data at upgrade-from-previous.suite.yaml:13:5:"
                + " version: expected"), err());

        assertEquals(0, report(BAD_VERSION, "--gate=report-only"));
        assertEquals("NO-GO", json().get("verdict").asText());
        assertEquals("report-only", json().get("gate").asText());
        assertTrue(markdown().contains("| ❌ | health and version (required) | failed | upgrade-from-previous › "), markdown());
    }

    @Test
    void missingRunRecordIsInconclusive() throws IOException {
        assertEquals(1, report());

        assertEquals("INCONCLUSIVE", json().get("verdict").asText());
        assertEquals("no run record: the rehearsal did not run (suites/target/tollgate/run.json does not exist)",
                json().at("/reasons/0").asText());
        assertTrue(markdown().startsWith("## Release readiness: INCONCLUSIVE — 1.0.0 → 1.1.0 on local\n"), markdown());
    }

    @Test
    void aRunRecordOfAnotherFormatIsNotJudgedAndSaysWhatToDo() throws IOException {
        int format = dev.tollgate.report.RunRecord.FORMAT;
        writeRun(RunFixtures.upgrade("1.1.0", RunFixtures.PASSING_VERSION).replace("\"format\": " + format + ", ", ""));

        assertEquals(1, report());
        assertEquals("INCONCLUSIVE", json().get("verdict").asText());
        assertEquals("The run record suites/target/tollgate/run.json cannot be judged: it is of format 1 (it has no"
                + " 'format'), written by Tollgate development; this build reads format " + format + ". Rehearse again with this"
                + " build to judge the run.", json().at("/reasons/0").asText());
    }

    @Test
    void aSelectionThatFindsNoSuiteIsInconclusiveAndFailsTheBuildButReportOnlyStillWritesBothFiles() throws IOException {
        writeRun("""
                { "format": 3, "tollgateVersion": "development", "profile": "local", "previous": "1.0.0", "candidate": "1.1.0",
                  "startedAt": "2026-01-01T10:00:00Z", "finishedAt": "2026-01-01T10:00:01Z", "suites": [] }""");

        assertEquals(1, report());
        assertEquals("INCONCLUSIVE", json().get("verdict").asText());
        assertTrue(json().at("/reasons/0").asText().startsWith("no suite ran"), json().toString());
        assertTrue(out().endsWith("[tollgate] ══ INCONCLUSIVE ══ 1.0.0 → 1.1.0 on local: the build fails"
                + " (-Dtollgate.gate=report-only reports without failing)\n"), out());

        Files.delete(root.resolve("reports/target/release-readiness.json"));
        Files.delete(root.resolve("reports/target/release-readiness.md"));
        assertEquals(0, report("--gate=report-only"));
        assertEquals("INCONCLUSIVE", json().get("verdict").asText());
        assertTrue(markdown().startsWith("## Release readiness: INCONCLUSIVE"), markdown());
        assertTrue(out().endsWith("[tollgate] ══ INCONCLUSIVE ══ 1.0.0 → 1.1.0 on local: reported only (gate report-only),"
                + " the build goes on\n"), out());
    }

    @Test
    void runRecordCarriesArtifactChecksumsDatabaseMigrationsAndStepTimingsIntoTheJson() throws IOException {
        String run = RunFixtures.upgrade("1.1.0", RunFixtures.PASSING_VERSION);
        String environment = """
                  "environment": { "java": "17.0.15 (Debian)", "database": "PostgreSQL 14.22", "artifacts": [
                    { "release": "1.1.0", "role": "candidate", "file": "%s", "sha256": "ab12", "bytes": 42 } ] },
                """.formatted(root.resolve("sample-app/target/sample-app.jar"));
        run = run.replaceFirst("\"suites\": \\[ \\{", environment + "\"suites\": [ { \"migrations\": ["
                + " { \"version\": \"5\", \"description\": \"status index\", \"installedOn\": \"2026-01-01 10:00:05\", \"success\": true },"
                + " { \"version\": \"6\", \"description\": \"priority backfill\", \"installedOn\": \"2026-01-01 10:00:06\", \"success\": true } ],");
        writeRun(run);

        assertEquals(0, report());

        JsonNode json = json();
        assertEquals("sample-app/target/sample-app.jar", json.at("/releases/artifacts/0/file").asText());
        assertEquals("ab12", json.at("/releases/artifacts/0/sha256").asText());
        assertEquals("PostgreSQL 14.22", json.at("/environment/database").asText());
        assertEquals("6", json.at("/suites/0/schemaVersion").asText());
        assertEquals("priority backfill", json.at("/suites/0/migrations/1/description").asText());
        assertEquals("upgrade 1.1.0", json.at("/suites/0/stepTimings/3/step").asText());
        assertEquals(100, json.at("/suites/0/stepTimings/3/durationMillis").asLong());
    }

    @Test
    void composeReleasesImagesGoIntoTheJsonBesideTheArtifacts() throws IOException {
        String run = RunFixtures.upgrade("1.1.0", RunFixtures.PASSING_VERSION);
        String environment = """
                  "environment": { "java": "17", "database": "PostgreSQL 15.18", "artifacts": [], "images": [
                    { "release": "1.0.0", "role": "previous", "service": "app", "reference": "tollgate/sample-app:1.0.0",
                      "id": "sha256:6e3a", "digests": [] },
                    { "release": "1.1.0", "role": "candidate", "service": "app", "reference": "registry.example.com/app:1.1.0",
                      "id": "sha256:3da7", "digests": ["registry.example.com/app@sha256:9f00"] } ] },
                """;
        writeRun(run.replaceFirst("\"suites\": \\[", environment + "\"suites\": ["));

        assertEquals(0, report());

        JsonNode images = json().at("/releases/images");
        assertEquals(2, images.size(), images.toString());
        assertEquals("tollgate/sample-app:1.0.0", images.at("/0/image").asText());
        assertEquals("sha256:6e3a", images.at("/0/id").asText());
        assertEquals(0, images.at("/0/digests").size());
        assertEquals("candidate", images.at("/1/role").asText());
        assertEquals("registry.example.com/app@sha256:9f00", images.at("/1/digests/0").asText());
    }

    @Test
    void runRecordFromAnEarlierBuildIsNotJudged() throws IOException {
        writeRun(RunFixtures.upgrade("1.1.0", RunFixtures.PASSING_VERSION));  // started 2026-01-01T10:00:00Z

        assertEquals(1, report("--not-before=2026-01-01T11:00:00Z"));

        assertEquals("INCONCLUSIVE", json().get("verdict").asText());
        assertTrue(json().at("/reasons/0").asText().startsWith("no run record: the rehearsal did not run in this build"));
    }

    @Test
    void runRecordOfOtherReleasesIsNotJudged() throws IOException {
        writeRun(RunFixtures.upgrade("2.0.0", RunFixtures.PASSING_VERSION));

        assertEquals(1, report());

        assertEquals("no run record of this build: suites/target/tollgate/run.json is of 1.0.0 → 2.0.0, but this build "
                + "rehearsed 1.0.0 → 1.1.0 (did another build write it?)", json().at("/reasons/0").asText());
    }

    @Test
    void waiversAtTheRootAreUsedAndListed() throws IOException {
        writeRun(RunFixtures.upgrade("1.1.0-bad-version", RunFixtures.FAILING_VERSION));
        Files.writeString(root.resolve("waivers.yaml"), """
                waivers:
                  - check: version
                    owner: alice
                    reason: TOLL-42
                    expires: 2026-12-31
                  - area: data
                    owner: bob
                    reason: old
                    expires: 2025-01-01
                """);

        assertEquals(0, report(BAD_VERSION, "--today=2026-06-01"));

        assertEquals("GO", json().get("verdict").asText());
        assertEquals("WAIVED", json().at("/areas/7/status").asText());
        assertEquals("alice", json().at("/waiversUsed/0/owner").asText());
        assertEquals("check version", json().at("/waiversUsed/0/matches").asText());
        assertEquals("bob", json().at("/expiredWaivers/0/owner").asText());
        assertTrue(markdown().contains("**Waivers used:**\n\n- check version — TOLL-42 (alice, until 2026-12-31)\n"), markdown());
    }

    @Test
    void brokenWaiversFileFailsEvenWhenReportOnly() throws IOException {
        writeRun(RunFixtures.upgrade("1.1.0", RunFixtures.PASSING_VERSION));
        Path waivers = Files.writeString(root.resolve("mine.yaml"), "waivers:\n  - area: data\n    reason: no owner\n");

        assertEquals(2, report("--gate=report-only", "--waivers=mine.yaml"));

        assertTrue(err().startsWith(waivers + ":2:5: a waiver needs an owner"), err());
        assertEquals("INCONCLUSIVE", json().get("verdict").asText());
    }

    @Test
    void rulesOfTheProfileApply() throws IOException {
        writeRun(RunFixtures.upgrade("1.1.0", RunFixtures.PASSING_VERSION));
        Files.createDirectories(root.resolve("profiles/local"));
        Files.writeString(root.resolve("profiles/local/gate.yaml"), "requiredSuites: [authz-matrix]\n");

        assertEquals(1, report());

        assertEquals("required suite 'authz-matrix' did not run", json().at("/reasons/0").asText());
    }

    @Test
    void versionNotCheckedIsShownInTheAreaAndTheProfilesRulesDecideWhetherItBlocks() throws IOException {
        // An http check on the version document speaks for the area, but no version check compared anything.
        writeRun(RunFixtures.upgrade("1.1.0", RunFixtures.PASSING_VERSION).replace("\"type\": \"version\"", "\"type\": \"http\""));

        assertEquals(0, report());
        assertEquals("GO", json().get("verdict").asText());
        assertEquals("not-checked", json().get("versionEvidence").asText());
        assertTrue(markdown().contains("| ✅ | health and version (required) | passed | version not checked (no version check ran;"),
                markdown());

        Files.createDirectories(root.resolve("profiles/local"));
        Files.writeString(root.resolve("profiles/local/gate.yaml"), "versionNotChecked: inconclusive\n");
        assertEquals(1, report());
        assertEquals("INCONCLUSIVE", json().get("verdict").asText());
        assertTrue(json().at("/reasons/0").asText().startsWith("health and version: version not checked"), json().toString());
        assertTrue(markdown().contains("| ⚠️ | health and version (required) | missing evidence | version not checked"), markdown());

        writeRun(RunFixtures.upgrade("1.1.0", RunFixtures.PASSING_VERSION));
        assertEquals(0, report());
        assertEquals("compared", json().get("versionEvidence").asText());
    }

    @Test
    void theSlowestMigrationsAndTheTablesThatWaitedLongestAreListedFromTheTypedFigures() throws IOException {
        String upgrades = """
                "upgrades": [ { "release": "1.1.0", "probeNote": "",
                  "migrations": [
                    { "id": "3", "description": "add mission priority", "durationMillis": 12, "source": "HISTORY" },
                    { "id": "6", "description": "backfill mission priority", "durationMillis": 41250, "source": "HISTORY" },
                    { "id": "7", "description": "add reviewed at", "durationMillis": 2310, "source": "SERVICE_LOG" },
                    { "id": "8", "description": "tidy", "durationMillis": null, "source": "NOT_RECORDED" } ],
                  "lockWaits": [
                    { "table": "public.missions", "longestReadWaitMillis": 2300, "longestWriteWaitMillis": 41200, "rounds": 80 },
                    { "table": "public.audit_log", "longestReadWaitMillis": 0, "longestWriteWaitMillis": 20, "rounds": 80 } ] } ],
                """;
        writeRun(RunFixtures.upgrade("1.1.0", RunFixtures.PASSING_VERSION)
                .replaceFirst("(\\{ \"id\": \"upgrade\",)", "$1 " + java.util.regex.Matcher.quoteReplacement(upgrades)));

        assertEquals(0, report());

        String md = markdown();
        assertTrue(md.contains("**Migrations under data**"), md);
        assertTrue(md.contains("- 6 backfill mission priority: 41.25 s (history) — upgrade to 1.1.0, `upgrade-from-previous`\n"
                + "- 7 add reviewed at: 2.31 s (service log) — upgrade to 1.1.0, `upgrade-from-previous`\n"
                + "- 3 add mission priority: 0.01 s (history) — upgrade to 1.1.0, `upgrade-from-previous`\n"
                + "- lock wait on public.missions: writes waited 41.20 s, reads 2.30 s (80 probes) — upgrade to 1.1.0,"
                + " `upgrade-from-previous`\n\n"), md);
        assertTrue(!md.contains("audit_log") && !md.contains("tidy"), "a wait too short to notice and a time not recorded are left out: " + md);
        assertEquals(41250, json().at("/slowestMigrations/0/durationMillis").asLong());
        assertEquals("history", json().at("/slowestMigrations/0/source").asText());
        assertEquals(41200, json().at("/lockWaits/0/longestWriteWaitMillis").asLong());
        assertEquals(1, json().get("lockWaits").size());
    }

    /** The wrong cases come from the authz check's typed facts: the same listing with every message replaced. */
    @Test
    void theAuthzCasesDecidedWronglyAreListedFromTheTypedFactsWhateverTheMessages() throws IOException {
        String authz = """
                { "name": "authz", "type": "authz", "area": "AUTHORIZATION", "status": "FAILED",
                  "message": "1 of 2 cases decided wrongly: viewer may DELETE",
                  "facts": { "authzCases": [
                    { "subject": "admin", "request": "GET /api/v1/missions", "position": "/work/profiles/local/authz.yaml:12:9",
                      "expected": "ALLOW", "answered": 200, "outcome": "AS_EXPECTED" },
                    { "subject": "viewer", "request": "DELETE /api/v1/missions/${mission}",
                      "position": "/work/profiles/local/authz.yaml:31:9", "expected": "DENY", "answered": 204, "outcome": "WRONG" } ] } }""";
        String run = RunFixtures.upgrade("1.1.0", RunFixtures.PASSING_VERSION)
                .replace("\"name\": \"check logs\", \"kind\": \"check\", \"position\": \"" + "/work/suites/src/suites/upgrade-from-previous.suite.yaml:14:5\", \"status\": \"PASSED\"",
                        "\"name\": \"check logs\", \"kind\": \"check\", \"position\": \"" + "/work/suites/src/suites/upgrade-from-previous.suite.yaml:14:5\", \"status\": \"FAILED\"")
                .replace("\"message\": \"no line matches\" }", "\"message\": \"no line matches\" }, " + authz);
        String listing = "**Authorization cases decided wrongly** (as the matrix declares them):\n\n"
                + "- `viewer` DELETE /api/v1/missions/${mission}: expected deny, answered 204"
                + " (/work/profiles/local/authz.yaml:31:9) — `upgrade-from-previous`\n\n";

        writeRun(run);
        assertEquals(1, report());
        assertTrue(markdown().contains(listing), markdown());
        assertTrue(!markdown().contains("`admin`"), "a case decided as expected is not listed: " + markdown());
        JsonNode json = json();
        assertEquals(1, json.get("wrongAuthzCases").size());
        assertEquals("viewer", json.at("/wrongAuthzCases/0/subject").asText());
        assertEquals("DELETE /api/v1/missions/${mission}", json.at("/wrongAuthzCases/0/request").asText());
        assertEquals("deny", json.at("/wrongAuthzCases/0/expected").asText());
        assertEquals(204, json.at("/wrongAuthzCases/0/answered").asInt());
        assertEquals("/work/profiles/local/authz.yaml:31:9", json.at("/wrongAuthzCases/0/position").asText());

        writeRun(run.replaceAll("\"message\": \"[^\"]*\"", "\"message\": \"(withheld)\""));
        assertEquals(1, report());
        assertTrue(markdown().contains(listing), "the listing does not come from the message: " + markdown());
        assertEquals(json.get("wrongAuthzCases"), json().get("wrongAuthzCases"));
    }

    @Test
    void noUpgradeFiguresNoSection() throws IOException {
        writeRun(RunFixtures.upgrade("1.1.0", RunFixtures.PASSING_VERSION));

        assertEquals(0, report());

        assertTrue(!markdown().contains("Migrations under data"), markdown());
        assertEquals(0, json().get("slowestMigrations").size());
    }

    @Test
    void rollingUpgradeProbeFiguresOfTheRunAreReported() throws IOException {
        // The figures travel in the run record; a figures file of an earlier run beside it is not read.
        Path evidence = root.resolve("suites/target/tollgate");
        writeRun(RunFixtures.upgrade("1.1.0", RunFixtures.PASSING_VERSION).replace("\"tags\": [\"release-gate\", \"upgrade\"],",
                "\"tags\": [\"release-gate\", \"upgrade\"], \"upgradeProbes\": [ { \"release\": \"1.1.0\", \"requests\": 240,"
                        + " \"failed\": 3, \"errors\": {\"502\": 3}, \"longestUnavailableMillis\": 812, \"durationMillis\": 24000,"
                        + " \"file\": \"" + evidence.resolve("tollgate-1/logs/02-1.1.0.probe.json") + "\" } ],"));
        probe("tollgate-0/logs/02-1.1.0.probe.json", "2026-01-01T10:00:05Z", 0, 0);  // an earlier run's, written as if during this one

        assertEquals(0, report());

        String md = markdown();
        assertTrue(md.contains("**Rolling upgrade, as users saw it**"), md);
        assertTrue(md.contains("- 1.1.0: 240 requests in 24.0s, 3 failed {\"502\":3}, longest unavailability 812 ms "
                + "(`suites/target/tollgate/tollgate-1/logs/02-1.1.0.probe.json`)"), md);
        assertTrue(!md.contains("tollgate-0"), "an earlier run's figures are not this run's: " + md);
        assertEquals(812, json().at("/upgradeProbes/0/longestUnavailableMillis").asLong());
        assertEquals(1, json().get("upgradeProbes").size());
    }

    private void probe(String path, String written, int failed, long longest) throws IOException {
        Path file = root.resolve("suites/target/tollgate").resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.format("{\"release\":\"1.1.0\",\"requests\":240,\"failed\":%d,\"errors\":%s,"
                + "\"longestUnavailableMillis\":%d,\"durationMillis\":24000}", failed, failed == 0 ? "{}" : "{\"502\":" + failed + "}",
                longest));
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(java.time.Instant.parse(written)));
    }

    private int report(String... extra) {
        out.reset();
        err.reset();
        String[] args = new String[extra.length + 5];
        args[0] = "--root=" + root;
        args[1] = "--previous=1.0.0";
        args[2] = "--candidate=1.1.0";
        args[3] = "--profile=local";
        args[4] = "--today=2026-06-01";
        System.arraycopy(extra, 0, args, 5, extra.length);
        return ReadinessReport.run(args, print(out), print(err));
    }

    private void writeRun(String json) throws IOException {
        Path file = root.resolve("suites/target/tollgate/run.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
    }

    private JsonNode json() throws IOException {
        return ReadinessJson.JSON.readTree(root.resolve("reports/target/release-readiness.json").toFile());
    }

    private String markdown() throws IOException {
        return Files.readString(root.resolve("reports/target/release-readiness.md"));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
