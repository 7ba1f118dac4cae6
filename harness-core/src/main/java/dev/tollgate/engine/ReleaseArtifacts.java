package dev.tollgate.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.tollgate.model.Profile;
import dev.tollgate.model.ReleaseSpec;
import dev.tollgate.model.Variables;
import dev.tollgate.report.RunRecord;

/**
 * The files a release is made of, with their SHA-256: the file its {@code releases:} entry names, and
 * every argument of the profile's service command, after the program itself, that names an existing
 * file (the sample service's jar, a release's own jar). A verdict is then tied to the exact bits it judged, not just to a version name.
 */
final class ReleaseArtifacts {

    private static final java.util.Map<List<Object>, String> DIGESTS = new java.util.concurrent.ConcurrentHashMap<>();

    private ReleaseArtifacts() {
    }

    static List<RunRecord.Artifact> of(Profile profile, Variables variables, String role, String release) {
        List<RunRecord.Artifact> artifacts = new ArrayList<>();
        // The file the profile says the release is made of (releases: ID: { file }), checked to exist when it was loaded.
        Optional<String> declared = profile.releases().find(release).map(ReleaseSpec::file);
        if (declared.isPresent()) {
            Path file = Path.of(declared.get());
            try {
                artifacts.add(new RunRecord.Artifact(release, role, file.toString(), sha256(file), Files.size(file)));
            } catch (IOException e) {
                // It existed when the profile was loaded; gone now, it is left out rather than the run record lost.
            }
        }
        Variables forRelease = variables.with("release", release).with("release.file", declared.orElse(""));
        List<String> command = profile.service().command();
        // A compose profile starts no command of its own: its releases are images, not files here.
        for (String template : command.size() < 2 ? List.<String>of() : command.subList(1, command.size())) {
            try {
                Path file = Path.of(forRelease.resolve(template));
                if (Files.isRegularFile(file) && declared.filter(file.toAbsolutePath().normalize().toString()::equals).isEmpty()) {
                    artifacts.add(new RunRecord.Artifact(release, role, file.toAbsolutePath().normalize().toString(),
                            sha256(file), Files.size(file)));
                }
            } catch (Variables.UndefinedVariableException | InvalidPathException | IOException e) {
                // an argument made of runtime values (a port, a URL) or not a file: not an artifact
            }
        }
        return artifacts;
    }

    /**
     * The file's SHA-256, computed once per file as it is now: the previous and the candidate release
     * are often one jar (a release id as an argument), and the warm-up hashes the releases' files
     * while the first suites start, rather than when the verdict waits for the run record. A file
     * changed since (another size or modification time) is hashed again.
     */
    static String sha256(Path file) throws IOException {
        Path real = file.toRealPath();
        java.nio.file.attribute.BasicFileAttributes attributes = Files.readAttributes(real,
                java.nio.file.attribute.BasicFileAttributes.class);
        List<Object> version = List.of(real.toString(), attributes.size(), attributes.lastModifiedTime().toMillis());
        // computeIfAbsent: a run record written while the warm-up still hashes waits for that digest.
        try {
            return DIGESTS.computeIfAbsent(version, key -> {
                try {
                    return dev.tollgate.db.StateFingerprint.sha256(real);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
