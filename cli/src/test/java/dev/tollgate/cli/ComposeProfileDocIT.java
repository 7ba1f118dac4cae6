package dev.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tollgate.runtime.compose.ComposeCli;

/**
 * The example of docs/compose-profile.md — a compose profile for a service that is not the sample —
 * passes {@code validate}; the same example with one ordinary mistake each (a fixed image tag, no
 * published port, a wrong service name, no healthcheck) is caught by {@code validate} or
 * {@code doctor}, naming the file, the service and the fix.
 */
class ComposeProfileDocIT {

    private static final Path DOC = CliProcess.ROOT.resolve("docs/compose-profile.md");
    private static final String RELEASE_IMAGE = "registry.example.com/orders-api:${ORDERS_RELEASE:?set ORDERS_RELEASE}";

    @TempDir
    Path dir;

    @BeforeEach
    void needsACompose() {
        boolean present;
        try {
            ComposeCli.detect();
            present = true;
        } catch (RuntimeException e) {
            present = false;
        }
        assumeTrue(present, "no compose CLI: the compose file cannot be resolved here");
    }

    @Test
    void theDocumentedExampleIsValid() throws IOException {
        CliProcess.Result result = validate(write(UnaryOperator.identity(), UnaryOperator.identity()));

        assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
        assertTrue(result.out().contains("✔ "), result::toString);
        assertTrue(!result.out().contains("warning:"), result::toString);
    }

    @Test
    void validateStopsAFixedImageTagNamingTheImageLineAndTheFix() throws IOException {
        Path profile = write(UnaryOperator.identity(), compose -> replaceOnce(compose, RELEASE_IMAGE,
                "registry.example.com/orders-api:3.4.0"));

        CliProcess.Result result = validate(profile);

        assertEquals(ExitCodes.FAILED, result.exitCode(), result::toString);
        int line = Files.readAllLines(dir.resolve("docker-compose.yml")).indexOf("    image: registry.example.com/orders-api:3.4.0") + 1;
        assertTrue(result.out().contains("error: " + dir.resolve("docker-compose.yml") + ": service 'api': runs image "
                + "registry.example.com/orders-api:3.4.0 whatever release is asked for: its image: line (docker-compose.yml:" + line
                + ": image: registry.example.com/orders-api:3.4.0) does not use ${ORDERS_RELEASE}"), result::toString);
        assertTrue(result.out().contains("Fix: put the release variable into the image: line, e.g. image: "
                + "registry.example.com/orders-api:${ORDERS_RELEASE}."), result::toString);
    }

    @Test
    void doctorFailsOnAnUnpublishedPortWithThePortsLineToAdd() throws IOException {
        assumeDockerEngine();
        Path profile = write(UnaryOperator.identity(), compose -> replaceOnce(compose, "    ports:\n      - \"127.0.0.1::3000\"\n", ""));

        CliProcess.Result result = CliProcess.run("doctor", "--profile", profile.toString());

        assertEquals(ExitCodes.FAILED, result.exitCode(), result::toString);
        assertTrue(result.out().contains("FAIL  compose api            docker-compose.yml: does not publish container port 3000"),
                result::toString);
        assertTrue(result.out().contains("fix: add ports: [\"127.0.0.1::3000\"] to service api"), result::toString);
        assertTrue(!result.out().contains("OK    ports"), "no OK for ports the file does not publish: " + result);
    }

    @Test
    void doctorAndValidateFailOnAServiceNameTheFileLacks() throws IOException {
        assumeDockerEngine();
        Path profile = write(yaml -> replaceOnce(yaml, "services: [api]", "services: [orders]"), UnaryOperator.identity());

        CliProcess.Result doctor = CliProcess.run("doctor", "--profile", profile.toString());
        CliProcess.Result validate = validate(profile);

        assertEquals(ExitCodes.FAILED, doctor.exitCode(), doctor::toString);
        assertTrue(doctor.out().contains("FAIL  compose orders         docker-compose.yml: compose.services in " + profile
                + " names 'orders', but the compose file has no such service (it has: api, db)."), doctor::toString);
        assertTrue(doctor.out().contains("fix: name one of api, db in compose.services, or call the service 'orders' in the "
                + "compose file."), doctor::toString);
        assertEquals(ExitCodes.FAILED, validate.exitCode(), validate::toString);
        assertTrue(validate.out().contains("service 'orders'"), validate::toString);
    }

    @Test
    void noHealthcheckIsAWarningThatTollgateWaitsOnTheHealthEndpoint() throws IOException {
        Path profile = write(UnaryOperator.identity(), compose -> {
            int start = compose.indexOf("    healthcheck:\n      test: [\"CMD\", \"node\"");
            int end = compose.indexOf("retries: 30\n", start) + "retries: 30\n".length();
            return compose.substring(0, start) + compose.substring(end);
        });

        CliProcess.Result result = validate(profile);

        assertEquals(ExitCodes.OK, result.exitCode(), result::toString);
        assertTrue(result.out().contains("warning: " + dir.resolve("docker-compose.yml") + ": service 'api': declares no container"
                + " healthcheck, so Docker cannot tell when it is ready; Tollgate waits until GET /healthz answers from the "
                + "container instead."), result::toString);
    }

    /** The profile checked with a suite of its own: the sample's suites name subjects this profile does not declare. */
    private CliProcess.Result validate(Path profile) {
        Path suite = profile.resolveSibling("doc.suite.yaml");
        try {
            Files.writeString(suite, "suite: compose-doc\ntags: [upgrade]\nscenario:\n  - install: ${candidate}\n"
                    + "  - check: [health]\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return CliProcess.run("validate", "--set", "tollgate.sampleApp.jar=" + CliProcess.SAMPLE_APP_JAR, "--profile",
                profile.toString(), suite.toString());
    }

    /** The documented example's two files, each edited, into the scratch directory; returns the profile. */
    private Path write(UnaryOperator<String> profileEdit, UnaryOperator<String> composeEdit) throws IOException {
        String doc = Files.readString(DOC);
        Files.writeString(dir.resolve("docker-compose.yml"), composeEdit.apply(example(doc, "docker-compose.yml")));
        return Files.writeString(dir.resolve("profile.yaml"), profileEdit.apply(example(doc, "profile.yaml")));
    }

    private static String example(String doc, String name) {
        Matcher block = Pattern.compile("<!-- example: " + Pattern.quote(name) + " -->\\n```yaml\\n(.*?)^```",
                Pattern.DOTALL | Pattern.MULTILINE).matcher(doc);
        assertTrue(block.find(), "docs/compose-profile.md has no example " + name);
        return block.group(1);
    }

    private static String replaceOnce(String text, String from, String to) {
        int at = text.indexOf(from);
        assertTrue(at >= 0 && text.indexOf(from, at + 1) < 0, "expected exactly one '" + from + "' in the example");
        return text.substring(0, at) + to + text.substring(at + from.length());
    }

    private static void assumeDockerEngine() {
        assumeTrue(dev.tollgate.runtime.compose.DockerEngine.unavailableReason().isEmpty(), "no Docker engine answers here");
    }
}
