package dev.tollgate.profiles.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.tollgate.model.Profile;
import dev.tollgate.model.Release;
import dev.tollgate.model.Variables;
import dev.tollgate.runtime.DeployedImage;
import dev.tollgate.system.RunningService;
import dev.tollgate.runtime.compose.ComposeRuntime;

/**
 * A compose profile whose releases name their images ({@code releases: ID: { image }}): the compose
 * file's release variable carries each release's whole image, not its id, against a real Docker engine.
 */
class ComposeReleaseImagesTest {

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
    void eachReleaseRunsTheImageItsEntryNames() throws Exception {
        // The compose file takes the whole image from APP_IMAGE: nothing in it knows the release ids.
        String compose = OwnComposeFile.replaceOnce(OwnComposeFile.quickstartCompose(),
                "image: ${SAMPLE_APP_IMAGE:-tollgate/sample-app}:${SAMPLE_RELEASE:?set SAMPLE_RELEASE to the release to run}",
                "image: ${APP_IMAGE:?set APP_IMAGE to the image to run}");
        Profile profile = OwnComposeFile.write("release-images", compose, text -> OwnComposeFile.replaceOnce(text,
                "release: SAMPLE_RELEASE", "release: APP_IMAGE").replaceAll("(?m)^defaults:.*$", "") + """
                releases:
                  previous-build: { version: 1.0.0, image: "tollgate/sample-app:1.0.0" }
                  next-build:     { version: 1.1.0, image: "tollgate/sample-app:1.1.0-open" }
                """);
        runtime = ComposeRuntime.start(profile, Variables.fromSystem(), ComposeProfiles.workParent(), ComposeProfiles.EVIDENCE_DIR,
                System.out::println);

        RunningService installed = runtime.install(new Release("previous-build"));
        assertEquals("1.0.0", reportedVersion(installed));
        RunningService upgraded = runtime.deploy(new Release("next-build"));
        assertEquals("1.1.0", reportedVersion(upgraded));

        List<String> images = runtime.deployedImages().stream().map(image -> image.release() + " " + image.reference())
                .distinct().toList();
        assertTrue(images.contains("previous-build tollgate/sample-app:1.0.0"), images::toString);
        assertTrue(images.contains("next-build tollgate/sample-app:1.1.0-open"), images::toString);
        assertTrue(runtime.deployedImages().stream().map(DeployedImage::id).allMatch(id -> id.startsWith("sha256:")),
                runtime.deployedImages()::toString);
    }

    private static String reportedVersion(RunningService service) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(service.baseUri().toString()).resolve("/api/v1/version")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response::body);
        return new ObjectMapper().readTree(response.body()).path("version").asText();
    }
}
