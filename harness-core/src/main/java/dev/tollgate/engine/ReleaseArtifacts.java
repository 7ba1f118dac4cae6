package dev.tollgate.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.tollgate.model.Profile;
import dev.tollgate.model.Variables;
import dev.tollgate.report.RunRecord;

/**
 * The files a release is started from, with their SHA-256: every argument of the profile's service
 * command, after the program itself, that names an existing file (the sample service's jar, a
 * release's own jar). A verdict is then tied to the exact bits it judged, not just to a version name.
 */
final class ReleaseArtifacts {

    private ReleaseArtifacts() {
    }

    static List<RunRecord.Artifact> of(Profile profile, Variables variables, String role, String release) {
        Variables forRelease = variables.with("release", release);
        List<String> command = profile.service().command();
        List<RunRecord.Artifact> artifacts = new ArrayList<>();
        // A compose profile starts no command of its own: its releases are images, not files here.
        for (String template : command.size() < 2 ? List.<String>of() : command.subList(1, command.size())) {
            try {
                Path file = Path.of(forRelease.resolve(template));
                if (Files.isRegularFile(file)) {
                    artifacts.add(new RunRecord.Artifact(release, role, file.toAbsolutePath().normalize().toString(),
                            sha256(file), Files.size(file)));
                }
            } catch (Variables.UndefinedVariableException | InvalidPathException | IOException e) {
                // an argument made of runtime values (a port, a URL) or not a file: not an artifact
            }
        }
        return artifacts;
    }

    static String sha256(Path file) throws IOException {
        return dev.tollgate.db.StateFingerprint.sha256(file);
    }
}
