package dev.tollgate.reports;

import java.nio.file.Path;

/** Paths as a person at the root of the project reads them. */
final class Paths {

    private Paths() {
    }

    static String shown(Path root, Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
    }
}
