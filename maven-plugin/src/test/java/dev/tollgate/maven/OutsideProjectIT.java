package dev.tollgate.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A service's own Maven build, outside Tollgate's checkout: a temporary directory whose suites and
 * profile come from {@code tollgate init --example} and whose pom is docs/maven-plugin.md's
 * {@code <profile>}, resolving {@code dev.tollgate:tollgate-maven-plugin} from a local repository
 * that holds this build's artifacts (target/it-repo, installed by maven-invoker-plugin; third-party
 * artifacts are copied from ~/.m2 read as a file:// repository, so nothing is downloaded and ~/.m2 is
 * only read). {@code mvn -B verify -Pupgrade} there rehearses the sample service for real: GO on
 * 1.0.0 → 1.1.0, a failed build on 1.1.0-bad-dataloss.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutsideProjectIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_MINUTES = 10;

    @TempDir
    static Path service;

    @TempDir
    static Path home;

    @BeforeAll
    static void aServiceWithATollgateProjectAndThePluginInItsPom() throws Exception {
        Path cli = Path.of(System.getProperty("tollgate.cli.jar"));
        assertTrue(Files.isRegularFile(cli), "no " + cli + ": the cli module's package phase builds it");
        Run init = run(List.of(javaExecutable(), "-jar", cli.toString(), "init", "--example"));
        assertEquals(0, init.exitCode(), init.output());
        assertTrue(Files.isRegularFile(service.resolve("tollgate.yaml")), init.output());
        Files.writeString(service.resolve("pom.xml"), pom());
        Files.writeString(home.resolve("settings.xml"), settings());
    }

    @Test
    @Order(1)
    void verifyWithTheUpgradeProfileRehearsesTheServiceAndGoesOnWhenGo() throws Exception {
        Run build = mvn("-Pupgrade");
        assertEquals(0, build.exitCode(), build.output());
        assertTrue(build.output().contains("BUILD SUCCESS"), build.output());
        JsonNode readiness = readiness();
        assertEquals("GO", readiness.path("verdict").asText(), readiness.toPrettyString());
        assertEquals("1.0.0", readiness.path("releases").path("previous").asText());
        assertEquals("1.1.0", readiness.path("releases").path("candidate").asText());
        assertTrue(readiness.path("suites").size() > 0, readiness.toPrettyString());
        readiness.path("suites").forEach(suite -> assertTrue(suite.path("tags").toString().contains("\"upgrade\""),
                "only suites tagged upgrade ran: " + suite));
        Path out = service.resolve("target/tollgate");
        assertTrue(Files.readString(out.resolve("release-readiness.md")).startsWith("## Release readiness: GO"));
        assertTrue(Files.isRegularFile(out.resolve("allure-report/index.html")), "the Allure report is generated");
        // The plugin's own Allure command line shows the verdict on the overview too (the reports module's widget).
        assertTrue(Files.isRegularFile(out.resolve("allure-report/plugin/tollgate-verdict/index.js")), "the verdict widget");
        assertEquals("GO", JSON.readTree(out.resolve("allure-report/widgets/tollgate-verdict.json").toFile()).path("verdict").asText());
        assertTrue(Files.isRegularFile(out.resolve("tollgate/run.json")), "the run record");
        assertFalse(Files.exists(service.resolve("tollgate-out")), "everything went to target/tollgate, not to the "
                + "project's own output directory");
    }

    @Test
    @Order(2)
    void aCandidateThatLosesDataFailsTheBuildNamingTheVerdictAndWhy() throws Exception {
        Run build = mvn("-Pupgrade", "-Dtollgate.candidate=1.1.0-bad-dataloss");
        assertNotEquals(0, build.exitCode(), build.output());
        assertTrue(build.output().contains("BUILD FAILURE"), build.output());
        assertTrue(build.output().contains("Release readiness NO-GO — 1.0.0 → 1.1.0-bad-dataloss on local:"), build.output());
        assertTrue(build.output().contains("<gate>report-only</gate> (-Dtollgate.gate=report-only)"), build.output());
        JsonNode readiness = readiness();
        assertEquals("NO-GO", readiness.path("verdict").asText());
        String firstReason = readiness.path("reasons").path(0).asText();
        assertFalse(firstReason.isEmpty(), readiness.toPrettyString());
        assertTrue(build.output().contains("  - " + firstReason.lines().findFirst().orElseThrow()),
                "the build's message lists the reasons: " + build.output());
        assertTrue(Files.isRegularFile(service.resolve("target/tollgate/allure-report/index.html")),
                "the report is written before the verdict fails the build");
    }

    @Test
    @Order(3)
    void skipTestsSkipsTheRehearsalAsItSkipsEveryTest() throws Exception {
        Run build = mvn("-Pupgrade", "-DskipTests");
        assertEquals(0, build.exitCode(), build.output());
        assertTrue(build.output().contains("Tollgate rehearsal skipped (skipTests)"), build.output());
    }

    private static JsonNode readiness() throws IOException {
        return JSON.readTree(service.resolve("target/tollgate/release-readiness.json").toFile());
    }

    private static Run mvn(String... args) throws Exception {
        String mavenHome = System.getProperty("maven.home", "");
        String mvn = mavenHome.isBlank() ? "mvn" : Path.of(mavenHome, "bin", "mvn").toString();
        List<String> command = new ArrayList<>(List.of(mvn, "-B", "-s", home.resolve("settings.xml").toString(),
                "-Dmaven.repo.local=" + System.getProperty("tollgate.it.repository"), "verify"));
        command.addAll(List.of(args));
        return run(command);
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run(List<String> command) throws Exception {
        Path log = Files.createTempFile(home, "run", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(service.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("MAVEN_OPTS");
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            throw new AssertionError(command + " did not finish within " + TIMEOUT_MINUTES + " minutes:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        return new Run(process.exitValue(), output);
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The service's pom: docs/maven-plugin.md's profile, as a user pastes it. */
    private static String pom() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>sample-service</artifactId>
                  <version>1.0.0-SNAPSHOT</version>
                  <packaging>pom</packaging>

                  <profiles>
                    <profile>
                      <id>upgrade</id>
                      <build>
                        <plugins>
                          <plugin>
                            <groupId>dev.tollgate</groupId>
                            <artifactId>tollgate-maven-plugin</artifactId>
                            <version>%s</version>
                            <executions>
                              <execution>
                                <id>rehearse-upgrade</id>
                                <goals>
                                  <goal>rehearse</goal>
                                </goals>
                                <configuration>
                                  <tags>
                                    <tag>upgrade</tag>
                                  </tags>
                                </configuration>
                              </execution>
                            </executions>
                          </plugin>
                        </plugins>
                      </build>
                    </profile>
                  </profiles>
                </project>
                """.formatted(System.getProperty("tollgate.version"));
    }

    /**
     * Everything not installed into the test's repository is copied from ~/.m2 (as "central", read
     * through file://), never downloaded; ~/.m2 keeps no checksums for all of it, so none are asked for.
     */
    private static String settings() {
        String m2 = Path.of(System.getProperty("user.home"), ".m2", "repository").toUri().toString();
        String repository = """
                    <id>central</id>
                    <url>%s</url>
                    <releases><checksumPolicy>ignore</checksumPolicy></releases>
                    <snapshots><enabled>false</enabled></snapshots>
                """.formatted(m2);
        return """
                <settings>
                  <profiles>
                    <profile>
                      <id>local-m2</id>
                      <repositories><repository>
                %s      </repository></repositories>
                      <pluginRepositories><pluginRepository>
                %s      </pluginRepository></pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles>
                    <activeProfile>local-m2</activeProfile>
                  </activeProfiles>
                </settings>
                """.formatted(repository, repository);
    }
}
