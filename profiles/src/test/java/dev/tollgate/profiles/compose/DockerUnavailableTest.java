package dev.tollgate.profiles.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;

/** Without a Docker engine, a compose profile ends with one message that says so and how to fix it. Needs no Docker. */
class DockerUnavailableTest {

    @Test
    void saysThatNoEngineAnswersAndHowToStartOne() throws Exception {
        String previous = System.getProperty("DOCKER_HOST");
        // docker-java reads DOCKER_HOST from system properties as from the environment.
        System.setProperty("DOCKER_HOST", "unix:///nonexistent/tollgate-test/docker.sock");
        try {
            TollgateException e = assertThrows(TollgateException.class,
                    () -> ComposeProfiles.start(ComposeProfiles.load("quickstart"), ComposeProfiles.workParent()));
            assertEquals(ErrorCode.RUNTIME_DOCKER_UNAVAILABLE, e.code());
            assertTrue(e.getMessage().startsWith("No Docker engine answers at unix:///nonexistent/tollgate-test/docker.sock"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("profiles/images/setup-docker.sh"), e.getMessage());
            assertTrue(e.getMessage().contains("-Dtollgate.profile=local"), e.getMessage());
        } finally {
            if (previous == null) {
                System.clearProperty("DOCKER_HOST");
            } else {
                System.setProperty("DOCKER_HOST", previous);
            }
        }
    }
}
