package dev.tollgate.profiles.checks;

import static dev.tollgate.check.Status.BROKEN;
import static dev.tollgate.check.Status.FAILED;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.tollgate.check.CheckResult;
import dev.tollgate.check.exec.ExecCheck;
import dev.tollgate.model.Profile;
import dev.tollgate.model.ServiceSpec;

/** The {@code exec} check running real commands in the environment of the real sample service. */
class ExecCheckTest extends RunningRelease {

    private static final String SECRET = "s3cret-value-42";

    private final ExecCheck exec = new ExecCheck();

    /** A secret in the service's environment, as a real profile would pass an API token. */
    @Override
    Profile profile(Profile shipped) {
        ServiceSpec service = shipped.service();
        Map<String, String> env = new HashMap<>(service.env());
        env.put("SAMPLE_API_TOKEN", SECRET);
        return shipped.withService(new ServiceSpec(service.command(), env, service.port(), service.startTimeout(),
                service.stopTimeout(), service.health(), service.ready(), service.version()));
    }

    @Test
    void passesWhenExitCodeAndOutputMatchInTheServiceEnvironment() {
        CheckResult result = run(exec, """
                command: [sh, -c, 'echo "release=$SAMPLE_RELEASE token=$SAMPLE_API_TOKEN in $PWD"']
                output: "^release=1\\\\.1\\\\.0 token="
                """);
        assertPasses(result);
        assertTrue(evidence(result).contains("release=1.1.0 token=*** in " + System.getProperty("user.dir")),
                evidence(result));
        assertFalse((result.message() + evidence(result)).contains(SECRET));
    }

    @Test
    void exitCodeMismatchSaysBothCodesAndTheOutput() {
        String command = "command: [sh, -c, 'echo doomed; echo \"token $SAMPLE_API_TOKEN\" >&2; exit 3']";
        CheckResult result = run(exec, command);
        assertResult(FAILED, result, "to exit with 0; it exited with 3", "Output: doomed | token ***");
        assertFalse((result.message() + evidence(result)).contains(SECRET), result.message());
        assertPasses(run(exec, command + "\nexit: 3"));
    }

    @Test
    void outputMismatchShowsTheOutput() {
        assertResult(FAILED, run(exec, "{command: [echo, sick], output: healthy}"),
                "expected the output of `echo sick` to match /healthy/; it was: sick");
    }

    @Test
    void checkEnvironmentAddsToTheServiceEnvironmentAndItsSecretsAreMasked() {
        CheckResult result = run(exec, """
                command: [sh, -c, 'echo "$SAMPLE_RELEASE $DOCTOR_MODE $DOCTOR_PASSWORD"']
                env: { DOCTOR_MODE: strict, DOCTOR_PASSWORD: hunter2hunter2 }
                output: "1.1.0 strict \\\\S+"
                """);
        assertPasses(result);
        assertTrue(evidence(result).contains("1.1.0 strict ***"), evidence(result));
    }

    @Test
    void killsTheWholeProcessTreeAtTheTimeout() throws Exception {
        long started = System.nanoTime();
        CheckResult result = run(exec, """
                command: [sh, -c, 'sleep 60 & echo "child $!"; wait']
                timeout: 1s
                """);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertResult(FAILED, result, "to finish within 1s", "(timeout)", "Output so far: child ");
        assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "took " + took);
        Matcher child = Pattern.compile("child (\\d+)").matcher(evidence(result));
        assertTrue(child.find(), evidence(result));
        Optional<ProcessHandle> sleep = ProcessHandle.of(Long.parseLong(child.group(1)));
        for (int i = 0; i < 50 && sleep.map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(100);
        }
        assertFalse(sleep.map(ProcessHandle::isAlive).orElse(false), "the child 'sleep 60' should have been killed");
    }

    @Test
    void aProgramThatDoesNotExistIsBroken() {
        assertResult(BROKEN, run(exec, "{command: [no-such-program-tollgate]}"), "cannot start `no-such-program-tollgate`");
    }
}
