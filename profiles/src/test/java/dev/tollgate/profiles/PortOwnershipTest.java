package dev.tollgate.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.load.ProfileLoader;
import dev.tollgate.model.Variables;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Release;
import dev.tollgate.runtime.LocalRuntime;

/**
 * Issue 19: a release still starting (Keycloak takes a minute) while something else answers on the
 * port chosen for it was taken to be up, then NO-GO in health. The answer must come from the
 * process Tollgate started or its children; a decoy that took the port makes the start
 * INCONCLUSIVE (the environment's fault: {@link ErrorCode#RUNTIME_PORT_IN_USE}), naming it.
 */
class PortOwnershipTest {

    /** Launches a decoy on the chosen port that is not its child (its parent shell exits), then "starts" for ever. */
    private static final String SERVICE = """
            import os, subprocess, time
            subprocess.Popen(['sh', '-c', 'python3 "$0" "$1" & echo $! > "$2"',
                              os.environ['DECOY'], os.environ['PORT'], os.environ['PIDFILE']]).wait()
            time.sleep(600)
            """;
    private static final String DECOY = """
            import http.server, sys
            class Ok(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    self.send_response(200); self.end_headers(); self.wfile.write(b'{"status":"UP"}')
            http.server.HTTPServer(('127.0.0.1', int(sys.argv[1])), Ok).serve_forever()
            """;

    @TempDir
    Path dir;

    @AfterEach
    void endTheDecoy() throws Exception {
        Path pidFile = dir.resolve("decoy.pid");
        if (Files.exists(pidFile)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void anAnswerFromAnotherProcessOnThePortIsInconclusiveNamingIt() throws Exception {
        Path service = Files.writeString(dir.resolve("service.py"), SERVICE);
        Path decoy = Files.writeString(dir.resolve("decoy.py"), DECOY);
        Path profileFile = Files.writeString(dir.resolve("profile.yaml"), """
                name: decoy-on-port
                runtime: local
                database:
                  name: app
                  port: 0
                service:
                  command: [python3, "%s"]
                  env:
                    DECOY: "%s"
                    PIDFILE: "%s"
                    PORT: ${service.port}
                  port: 0
                  startTimeout: 20s
                  stopTimeout: 5s
                  health: /health/ready
                """.formatted(service, decoy, dir.resolve("decoy.pid")));
        Profile profile = new ProfileLoader(Variables.fromSystem()).load(profileFile);

        try (LocalRuntime runtime = LocalProfile.start(profile, LocalProfile.workParent())) {
            TollgateException e = assertThrows(TollgateException.class, () -> runtime.install(new Release("26.4.7")));

            assertEquals(ErrorCode.RUNTIME_PORT_IN_USE, e.code(), e.getMessage());
            assertTrue(!e.code().releaseFault(), "the environment's fault: INCONCLUSIVE, not NO-GO");
            String pid = Files.readString(dir.resolve("decoy.pid")).strip();
            assertTrue(e.getMessage().startsWith("Port "), e.getMessage());
            assertTrue(e.getMessage().contains(" is held by pid " + pid + " (python3 " + decoy + " "), e.getMessage());
            assertTrue(e.getMessage().contains("it answered GET /health/ready, not the release"), e.getMessage());
            assertTrue(runtime.current().isEmpty(), "the release that never answered was stopped");
        }
    }
}
