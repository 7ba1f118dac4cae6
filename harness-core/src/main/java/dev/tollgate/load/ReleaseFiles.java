package dev.tollgate.load;

import static dev.tollgate.load.ProfilePositions.lineAt;
import static dev.tollgate.load.ProfilePositions.position;
import static dev.tollgate.load.ProfilePositions.topLevelKey;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.Hints;
import dev.tollgate.api.TollgateException;
import dev.tollgate.model.Profile;
import dev.tollgate.model.ReleaseSpec;
import dev.tollgate.model.Releases;
import dev.tollgate.model.SourcePosition;
import dev.tollgate.model.Variables;

/** The release files a profile names, resolved and checked before anything starts. */
final class ReleaseFiles {

    private final Variables variables;

    ReleaseFiles(Variables variables) {
        this.variables = variables;
    }

    /**
     * Where {@code releases:} is, for messages, and each release's file as an absolute path (after
     * its variables, {@code ${release}} among them, relative to the profile's directory) that exists:
     * a file that is missing stops the run here, before anything starts.
     */
    Profile resolve(Path file, String text, Profile profile) {
        Matcher section = topLevelKey("releases").matcher(text);
        if (!section.find()) {
            checkReleaseFileUsed(file, text, profile);
            return profile;
        }
        Map<String, ReleaseSpec> resolved = new LinkedHashMap<>();
        Path base = file.toAbsolutePath().getParent();
        for (Map.Entry<String, ReleaseSpec> entry : profile.releases().byId().entrySet()) {
            String id = entry.getKey();
            ReleaseSpec release = entry.getValue();
            if (release.file() == null) {
                resolved.put(id, release);
                continue;
            }
            String where = releasePosition(file, text, section.end(), id);
            String path;
            try {
                path = variables.with("release", id).resolve(release.file());
            } catch (Variables.UndefinedVariableException e) {
                throw new TollgateException(ErrorCode.LOAD_UNDEFINED_VARIABLE, where + ": 'releases." + id
                        + ".file': undefined variable ${" + e.variable() + "}. Set it with " + Hints.setting(e.variable(), "…")
                        + " or as an environment variable.");
            }
            Path artifact = base.resolve(path).normalize();
            if (!Files.isRegularFile(artifact)) {
                throw new TollgateException(ErrorCode.LOAD_PROFILE_INVALID, where + ": 'releases." + id + ".file': "
                        + release.file() + " is not a file (looked for " + artifact + "). Build or download the release"
                        + " there, or correct the path; a relative one is read from the profile's directory, " + base + ".");
            }
            resolved.put(id, release.withFile(artifact.toString()));
        }
        int line = lineAt(text, section.start());
        profile = profile.withReleases(new Releases(resolved, new SourcePosition(file, line, 1)));
        checkReleaseFileUsed(file, text, profile);
        return profile;
    }

    // ${release.file} is the release's declared file: a release without one could not be started.
    private static void checkReleaseFileUsed(Path file, String text, Profile profile) {
        String variable = "${release.file}";
        boolean used = Stream.concat(profile.service().command().stream(), profile.service().env().values().stream())
                .anyMatch(part -> part.contains(variable));
        if (!used) {
            return;
        }
        List<String> without = profile.releases().byId().entrySet().stream().filter(entry -> entry.getValue().file() == null)
                .map(Map.Entry::getKey).toList();
        if (profile.releases().isEmpty() || !without.isEmpty()) {
            throw new TollgateException(ErrorCode.LOAD_PROFILE_INVALID, position(file, text, variable) + ": " + variable
                    + " is the file of the release being started, and " + (profile.releases().isEmpty()
                            ? "the profile lists no releases: add releases: { ID: { file: PATH } }"
                            : "releases " + String.join(", ", without) + " have no file: give each a file: PATH")
                    + ", or start the service without " + variable + ".");
        }
    }

    /** The line and column of release {@code id}'s key after {@code releases:}, else the section's. */
    private static String releasePosition(Path file, String text, int sectionEnd, String id) {
        Matcher key = Pattern.compile("(?m)^[ \\t]+[\"']?" + Pattern.quote(id) + "[\"']?\\s*:").matcher(text);
        if (key.find(sectionEnd)) {
            int line = lineAt(text, key.start());
            String lineText = text.substring(key.start());
            int column = lineText.length() - lineText.stripLeading().length() + 1;
            return file + ":" + line + ":" + column;
        }
        return position(file, text, "releases:");
    }
}
