package dev.tollgate.profiles.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Release;
import dev.tollgate.model.Variables;
import dev.tollgate.system.DatabaseEndpoint;
import dev.tollgate.runtime.DeployedImage;
import dev.tollgate.system.RunningService;
import dev.tollgate.runtime.compose.ComposeRuntime;

/**
 * The compose runtime on compose files of one's own with the ordinary mistakes in them, against a
 * real Docker engine: without a healthcheck it still waits for the service (and the clean-install
 * reference for its migrations); a fixed image tag stops the first upgrade; a wrong service name
 * stops the start with the names there are; a service that ignores SIGTERM is named with the fix.
 * Nothing labelled is left afterwards.
 */
class OwnComposeRuntimeTest {

    private static final String RELEASE_IMAGE =
            "image: ${SAMPLE_APP_IMAGE:-tollgate/sample-app}:${SAMPLE_RELEASE:?set SAMPLE_RELEASE to the release to run}";

    private final List<String> progress = Collections.synchronizedList(new ArrayList<>());
    private ComposeRuntime runtime;

    @BeforeEach
    void needsDocker() {
        ComposeProfiles.assumeDocker();
    }

    @AfterEach
    void stop() throws Exception {
        if (runtime != null) {
            String runId = runtime.runId();
            runtime.close();
            assertEquals(List.of(), ComposeProfiles.leftovers(runId), "everything labelled with the run must be gone");
        }
    }

    @Test
    void withoutAHealthcheckTheServiceAndTheReferenceAreWaitedForOnTheHealthEndpoint() throws Exception {
        start("no-healthcheck", ComposeFileCheckTest.withoutHealthcheck(OwnComposeFile.quickstartCompose()));

        RunningService installed = runtime.install(new Release("1.0.0"));
        assertEquals(2, scalar(runtime.database(), "select max(version::int) from flyway_schema_history"));
        // Up means migrated and serving, not just a running container.
        assertTrue(Files.size(installed.logFile()) > 0, "the release's log has its start");

        DatabaseEndpoint reference = runtime.cleanInstallReference(new Release("1.1.0"));
        assertEquals(6, scalar(reference, "select max(version::int) from flyway_schema_history"),
                "the reference is read only after its release migrated");
        assertEquals(6, scalar(reference, "select count(*) from flyway_schema_history where success"));
    }

    @Test
    void aFixedImageTagStopsTheFirstUpgradeNamingTheImageLine() throws Exception {
        String compose = OwnComposeFile.replaceOnce(OwnComposeFile.quickstartCompose(), RELEASE_IMAGE,
                "image: tollgate/sample-app:1.0.0");
        start("fixed-tag", compose);
        runtime.install(new Release("1.0.0"));

        TollgateException stopped = assertThrows(TollgateException.class, () -> runtime.deploy(new Release("1.1.0")));

        assertEquals(ErrorCode.RUNTIME_IMAGE_MISMATCH, stopped.code());
        int line = compose.lines().toList().indexOf("    image: tollgate/sample-app:1.0.0") + 1;
        assertTrue(stopped.getMessage().contains("release 1.1.0 was asked for, but service app runs image tollgate/sample-app:1.0.0")
                && stopped.getMessage().contains("the same image release 1.0.0 ran before")
                && stopped.getMessage().contains("docker-compose.yml:" + line + ": image: tollgate/sample-app:1.0.0")
                && stopped.getMessage().contains("${SAMPLE_RELEASE}"), stopped.getMessage());
        assertTrue(progress.stream().noneMatch(event -> event.startsWith("release 1.1.0 up")),
                "1.1.0 is never reported up: " + progress);
    }

    @Test
    void aServiceNameTheFileLacksStopsTheStartWithTheNamesThereAre() throws Exception {
        Profile profile = OwnComposeFile.write("wrong-service", OwnComposeFile.quickstartCompose(),
                yaml -> yaml.replace("services: [app]", "services: [api]").replace("entry: app", "entry: api"));

        TollgateException refused = assertThrows(TollgateException.class, () -> runtime = ComposeRuntime.start(profile,
                Variables.fromSystem(), ComposeProfiles.workParent(), ComposeProfiles.EVIDENCE_DIR, progress::add));

        assertEquals(ErrorCode.LOAD_PROFILE_INVALID, refused.code());
        assertTrue(refused.getMessage().contains("service 'api'") && refused.getMessage().contains("(it has: app, db)")
                && refused.getMessage().contains("Fix: name one of app, db in compose.services"), refused.getMessage());
    }

    @Test
    void aServiceThatIgnoresSigtermIsNamedWithTheInitHint() throws Exception {
        // The shell stays PID 1 (two commands, so it cannot exec the last) and has no SIGTERM handler:
        // the kernel then drops the signal, as for a Node process started as PID 1.
        String compose = OwnComposeFile.replaceOnce(OwnComposeFile.quickstartCompose(), "  app:\n    " + RELEASE_IMAGE,
                "  app:\n    " + RELEASE_IMAGE + "\n    stop_grace_period: 2s\n    entrypoint: [\"sh\", \"-c\", "
                        + "\"java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar /opt/sample-app/sample-app.jar serve; exit $$?\"]");
        start("ignores-sigterm", compose);
        runtime.install(new Release("1.0.0"));

        runtime.deploy(new Release("1.1.0"));

        String expected = "app did not stop on SIGTERM within 2 s and was killed; a process running as PID 1 ignores SIGTERM"
                + " unless it handles it — init: true in the compose file, or handle SIGTERM";
        assertTrue(progress.contains("  " + expected), progress.toString());
        assertTrue(Files.readString(runtime.lastDeployed().orElseThrow().logFile()).contains("[tollgate] " + expected),
                "the phase log says it too");
        List<DeployedImage> images = runtime.deployedImages();
        assertEquals(List.of("1.0.0", "1.1.0"), images.stream().map(DeployedImage::release).toList());
        assertTrue(images.stream().allMatch(image -> image.id().startsWith("sha256:")), images.toString());
    }

    private void start(String name, String compose) throws Exception {
        Profile profile = OwnComposeFile.write(name, compose, UnaryOperator.identity());
        runtime = ComposeRuntime.start(profile, Variables.fromSystem(), ComposeProfiles.workParent(), ComposeProfiles.EVIDENCE_DIR,
                event -> {
                    progress.add(event);
                    System.out.println(event);
                });
    }

    private static long scalar(DatabaseEndpoint database, String query) throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }
}
