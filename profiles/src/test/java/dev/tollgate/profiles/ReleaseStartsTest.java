package dev.tollgate.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tollgate.load.ProfileLoader;
import dev.tollgate.model.Variables;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Release;
import dev.tollgate.runtime.LocalRuntime;

/**
 * Issue 19: a release whose launcher rebuilds files inside its distribution as it starts (as
 * Keycloak's {@code kc.sh start-dev} does) crashes when a second start of it runs at the same time.
 * The convergence check's clean install starts beside the scenario's steps; a start of the same
 * release waits for it, while starts of different releases still run side by side.
 */
class ReleaseStartsTest {

    /** A service that "rebuilds" for a second under a lock directory, and crashes if another start holds it. */
    private static final String SERVICE = """
            import http.server, os, sys, time
            d = os.path.join(os.environ['DIST'], os.environ['RELEASE'])
            os.makedirs(d, exist_ok=True)
            try:
                os.mkdir(os.path.join(d, 'rebuilding'))
            except FileExistsError:
                print('ERROR NoSuchFileException: ' + d + '/lib/generated-bytecode.jar: another start rebuilds it', flush=True)
                sys.exit(1)
            with open(os.path.join(os.environ['DIST'], 'starts.log'), 'a') as log:
                log.write('%s start %.3f\\n' % (os.environ['RELEASE'], time.time()))
            time.sleep(1.5)
            with open(os.path.join(os.environ['DIST'], 'starts.log'), 'a') as log:
                log.write('%s up %.3f\\n' % (os.environ['RELEASE'], time.time()))
            os.rmdir(os.path.join(d, 'rebuilding'))
            class Ok(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    self.send_response(200); self.end_headers(); self.wfile.write(b'{"status":"UP"}')
            http.server.HTTPServer(('127.0.0.1', int(os.environ['PORT'])), Ok).serve_forever()
            """;

    @TempDir
    Path dir;

    @Test
    void twoStartsOfOneReleaseDoNotOverlapWhileDifferentReleasesStartSideBySide() throws Exception {
        Path script = Files.writeString(dir.resolve("service.py"), SERVICE);
        Path profileFile = Files.writeString(dir.resolve("profile.yaml"), """
                name: rebuilds-on-start
                runtime: local
                database:
                  name: app
                  port: 0
                service:
                  command: [python3, "%s"]
                  env:
                    DIST: "%s"
                    RELEASE: ${release}
                    PORT: ${service.port}
                  port: 0
                  startTimeout: 20s
                  stopTimeout: 5s
                  health: /health
                """.formatted(script, dir));
        Profile profile = new ProfileLoader(Variables.fromSystem()).load(profileFile);
        Release release = new Release("26.4.7");
        Release other = new Release("26.5.6");

        try (LocalRuntime runtime = LocalProfile.start(profile, LocalProfile.workParent())) {
            runtime.prepareCleanInstallReference(release);  // as the convergence check's prepare does
            awaitStart(release);
            runtime.prepareCleanInstallReference(other);    // another release's clean install, queued behind it
            runtime.install(release);                       // the same release, while its clean install starts
            runtime.cleanInstallReference(release);
            runtime.cleanInstallReference(other);
        }

        List<String> log = Files.readAllLines(dir.resolve("starts.log"));
        List<double[]> same = intervals(log, release.id());
        assertEquals(2, same.size(), String.join("\n", log));
        double[] first = same.get(0);
        double[] second = same.get(1);
        assertTrue(second[0] >= first[1], "the second start of " + release + " began after the first was up:\n"
                + String.join("\n", log));
        double[] beside = intervals(log, other.id()).get(0);
        assertTrue(same.stream().anyMatch(start -> beside[0] < start[1] && start[0] < beside[1]), "a start of " + other + " overlapped one of " + release
                + ":\n" + String.join("\n", log));
    }

    private void awaitStart(Release release) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        Path log = dir.resolve("starts.log");
        while (!(Files.exists(log) && Files.readString(log).contains(release.id() + " start "))) {
            assertTrue(System.nanoTime() < deadline, "the clean install of " + release + " did not start");
            Thread.sleep(20);
        }
    }

    /** [start, up] of each start of {@code release}, in order. */
    private static List<double[]> intervals(List<String> log, String release) {
        List<double[]> intervals = new java.util.ArrayList<>();
        for (String line : log) {
            String[] parts = line.split(" ");
            if (!parts[0].equals(release)) {
                continue;
            }
            if (parts[1].equals("start")) {
                intervals.add(new double[] {Double.parseDouble(parts[2]), Double.MAX_VALUE});
            } else {
                intervals.stream().filter(i -> i[1] == Double.MAX_VALUE).findFirst()
                        .ifPresent(i -> i[1] = Double.parseDouble(parts[2]));
            }
        }
        return intervals;
    }
}
