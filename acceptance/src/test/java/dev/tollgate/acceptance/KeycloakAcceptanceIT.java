package dev.tollgate.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Keycloak, a service nobody at Tollgate wrote, rehearsed as its operators would: the distributions
 * from Maven Central, the project in {@code acceptance/keycloak} (a profile and suites, nothing
 * else), Tollgate's command line run from that project's directory. Each test asserts the verdict a
 * person who knows Keycloak expects, and that no secret the run used reached a file it wrote.
 */
class KeycloakAcceptanceIT {

    private static final String PREVIOUS = System.getProperty("keycloak.previous", "26.4.7");
    private static final String CANDIDATE = System.getProperty("keycloak.candidate", "26.5.6");
    private static final String LATER = System.getProperty("keycloak.later", "26.7.3");

    @Test
    void aMinorUpgradeIsGo() throws IOException {
        Rehearsal run = Rehearsal.of("minor", PREVIOUS, CANDIDATE);

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode readiness = run.readiness();
        assertEquals("GO", readiness.path("verdict").asText(), run::toString);
        assertEquals(PREVIOUS, readiness.path("releases").path("previous").asText());
        assertEquals(CANDIDATE, readiness.path("releases").path("candidate").asText());
        for (String area : List.of("install", "upgrade", "migrations", "convergence", "safety", "data", "restore")) {
            assertEquals("PASSED", area(readiness, area), () -> area + " in " + readiness);
        }
        // 26.4.7 started on 26.5.6's database says so itself; the verdict states it under code rollback.
        JsonNode codeRollback = readiness.path("codeRollback");
        assertEquals("warned", codeRollback.path("probe").asText(), readiness::toString);
        assertTrue(codeRollback.path("warnings").toString().contains("Possibly incorrect state of migration"),
                readiness::toString);
        assertTrue(codeRollback.path("statement").asText().startsWith("code rollback: the previous release warned: "),
                readiness::toString);
        String md = Files.readString(run.dir().resolve("out/release-readiness.md"));
        assertTrue(md.contains("code rollback: the previous release warned: ") && md.contains("Possibly incorrect state of migration"),
                md);
        run.assertNoSecretWritten();
    }

    /**
     * 26.7's migration moves each realm's display name from realm_attribute rows into new columns
     * of realm: a move, recognised as such without a declaration, not a loss.
     */
    @Test
    void aLongerUpgradeThatMovesRowsIsGo() throws IOException {
        Rehearsal run = Rehearsal.of("longer", PREVIOUS, LATER);

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode readiness = run.readiness();
        assertEquals("GO", readiness.path("verdict").asText(), run::toString);
        assertEquals("PASSED", area(readiness, "data"), readiness::toString);
        assertEquals("PASSED", area(readiness, "restore"), readiness::toString);
        String probe = readiness.path("codeRollback").path("probe").asText();
        assertTrue(probe.equals("warned") || probe.equals("unsafe"), "code rollback stated as warned or unsafe: " + readiness);
        assertTrue(run.out().contains("realm_attribute") && run.out().contains("moved into realm.display_name"),
                "the move is stated: " + run);
        assertTrue(readiness.path("notes").toString().contains("data: ")
                && readiness.path("notes").toString().contains("moved into realm.display_name"),
                "the move is in the verdict's notes: " + readiness);
        run.assertNoSecretWritten();
    }

    /** The same hop with a step that deletes Keycloak's admin user behind its back: NO-GO in data, naming the user. */
    @Test
    void anUpgradeThatLosesUsersIsNoGoInData() throws IOException {
        Rehearsal run = Rehearsal.of("losing-users", PREVIOUS, CANDIDATE,
                Path.of(System.getProperty("keycloak.badSuites", "src/test/resources/bad")).toAbsolutePath().toString());

        assertEquals(1, run.exitCode(), run::toString);
        JsonNode readiness = run.readiness();
        assertEquals("NO-GO", readiness.path("verdict").asText(), run::toString);
        assertEquals("FAILED", area(readiness, "data"), readiness::toString);
        String reasons = readiness.path("reasons").toString();
        assertTrue(reasons.contains("user_entity: 1 row lost (") && reasons.contains("after): id="), "the lost user named by key: " + reasons);
        assertTrue(run.out().contains("username=admin"), "the lost user's values shown: " + run);
        run.assertNoSecretWritten();
    }

    static String area(JsonNode readiness, String key) {
        for (JsonNode area : readiness.path("areas")) {
            if (key.equals(area.path("area").asText())) {
                return area.path("status").asText();
            }
        }
        return "absent";
    }

    /** One {@code tollgate run} of the Keycloak project, in a directory of its own under target/. */
    record Rehearsal(int exitCode, String out, Path dir, List<String> secrets) {

        static final Path ROOT = Path.of(System.getProperty("tollgate.root", "..")).toAbsolutePath().normalize();
        static final Path PROJECT = ROOT.resolve("acceptance/keycloak");
        static final Path JAR = Path.of(System.getProperty("tollgate.cli.jar", ROOT.resolve("cli/target/tollgate.jar").toString()));
        static final String KEYCLOAK_HOME = System.getProperty("keycloak.home", ROOT.resolve("acceptance/target/keycloak").toString());

        static Rehearsal of(String name, String previous, String candidate, String... more) throws IOException {
            Path dir = ROOT.resolve("acceptance/target/keycloak-runs").resolve(name);
            Files.createDirectories(dir);
            String password = "kc-" + UUID.randomUUID();
            String userPassword = "uma-" + UUID.randomUUID();
            List<String> command = new java.util.ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(),
                    "run", "--previous", previous, "--candidate", candidate, "--out", dir.resolve("out").toString(),
                    "--set", "keycloak.home=" + KEYCLOAK_HOME));
            command.addAll(List.of(more));
            Path log = dir.resolve("console.log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(PROJECT.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(Map.of("KEYCLOAK_ADMIN_PASSWORD", password, "KEYCLOAK_USER_PASSWORD", userPassword));
            Process process = builder.start();
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.MINUTES)) {
                    process.destroy();
                    throw new AssertionError("the Keycloak rehearsal " + name + " did not finish within 20 minutes");
                }
            } catch (InterruptedException e) {
                process.destroy();
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            return new Rehearsal(process.exitValue(), Files.readString(log), dir, List.of(password, userPassword));
        }

        JsonNode readiness() throws IOException {
            return new ObjectMapper().readTree(dir.resolve("out/release-readiness.json").toFile());
        }

        /**
         * The passwords went to Keycloak through the environment and the seed's request bodies, the
         * tokens came back from its token endpoints: no file Tollgate wrote may hold a password, and
         * no access token may stand in the clear in an attachment.
         */
        void assertNoSecretWritten() throws IOException {
            for (String secret : secrets) {
                assertTrue(!out.contains(secret), "the console shows a password");
            }
            try (Stream<Path> files = Files.walk(dir.resolve("out"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String text = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
                    for (String secret : secrets) {
                        assertTrue(!text.contains(secret), () -> file + " holds a password");
                    }
                    assertTrue(!java.util.regex.Pattern.compile("\"access_token\"\\s*:\\s*\"ey").matcher(text).find(),
                            () -> file + " holds an access token in the clear");
                }
            }
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n" + out;
        }
    }
}
