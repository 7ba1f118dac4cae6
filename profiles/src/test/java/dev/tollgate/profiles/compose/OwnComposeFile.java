package dev.tollgate.profiles.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import dev.tollgate.load.ProfileLoader;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Variables;

/**
 * A compose profile of a user's own, made in a scratch directory from the quickstart's files with
 * one deliberate change each: what a new user writes, mistakes included.
 */
final class OwnComposeFile {

    private OwnComposeFile() {
    }

    /** The quickstart's compose file as text, for edits. */
    static String quickstartCompose() throws IOException {
        return Files.readString(ComposeProfiles.PROFILES_DIR.resolve("quickstart/docker-compose.yml"));
    }

    /**
     * Writes {@code compose} as docker-compose.yml next to the quickstart's profile.yaml edited by
     * {@code profileEdit}, and loads that profile. Its images come from Tollgate's build script, as
     * the quickstart's do.
     */
    static Profile write(String name, String compose, UnaryOperator<String> profileEdit) throws IOException {
        Path parent = ComposeProfiles.workParent().resolve("own-compose");
        Files.createDirectories(parent);
        Path dir = Files.createTempDirectory(parent, name + "-");
        String script = ComposeProfiles.PROFILES_DIR.resolve("images/build-images.sh").toAbsolutePath().normalize().toString();
        String profile = Files.readString(ComposeProfiles.PROFILES_DIR.resolve("quickstart/profile.yaml"))
                .replace("prepare: [../images/build-images.sh]", "prepare: [" + script + "]");
        Files.writeString(dir.resolve("profile.yaml"), profileEdit.apply(profile));
        Files.writeString(dir.resolve("docker-compose.yml"), compose);
        return new ProfileLoader(Variables.fromSystem()).load(dir.resolve("profile.yaml"));
    }

    /** Replaces exactly one occurrence of {@code from}: a fixture edit that silently matched nothing would test nothing. */
    static String replaceOnce(String text, String from, String to) {
        int at = text.indexOf(from);
        if (at < 0 || text.indexOf(from, at + 1) >= 0) {
            throw new IllegalArgumentException("expected exactly one '" + from + "' in the fixture");
        }
        return text.substring(0, at) + to + text.substring(at + from.length());
    }
}
