package dev.tollgate.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * One release a profile knows ({@code releases:} in a profile), keyed there by its id.
 *
 * <pre>{@code
 * releases:
 *   1.0.0: { file: dist/app-1.0.0.jar }
 *   1.1.0-open: { version: 1.1.0, file: dist/app-1.1.0-open.jar }
 * }</pre>
 *
 * @param version what the release reports as its version, where that differs from its id; null: its id
 * @param file    the file the release is made of (a jar, zip or tarball), relative to the profile's directory;
 *                its SHA-256 is recorded as evidence of what was rehearsed, and a local profile's command
 *                may start it as {@code ${release.file}}; null for none. Once loaded, an absolute path.
 * @param image   for {@code runtime: compose}: the image this release runs, handed to the compose file in
 *                the profile's release variable ({@code compose.release}) instead of the id; null for none
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record ReleaseSpec(String version, String file, String image) {

    /** A release known by its id alone: it reports its id and is made of nothing Tollgate checksums. */
    public static final ReleaseSpec BARE = new ReleaseSpec(null, null, null);

    public ReleaseSpec {
        version = blank(version) ? null : version.strip();
        file = blank(file) ? null : file.strip();
        image = blank(image) ? null : image.strip();
    }

    public ReleaseSpec withFile(String other) {
        return new ReleaseSpec(version, other, image);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
