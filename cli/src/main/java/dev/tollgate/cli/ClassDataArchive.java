package dev.tollgate.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The launcher's side of the class-data archive ({@code bin/tollgate}): a JVM writes one at its exit
 * under the name the launcher gives in {@value #PROPERTY}, and the launcher puts it in place for
 * later runs only when this JVM said it loaded what a run loads, by a file beside it. Without that,
 * a first {@code tollgate --version} or a run that stopped at a bad option would leave an archive of
 * a few hundred classes, and every later run would map it and load the rest from the jar.
 */
final class ClassDataArchive {

    /** Where this JVM writes its archive at exit; set by the launcher, absent otherwise. */
    static final String PROPERTY = "tollgate.classDataArchive";

    private ClassDataArchive() {
    }

    /** Marks the archive this JVM will write as a whole run's: the rehearsal and its verdict were done. */
    static void runReachedAVerdict() {
        String archive = System.getProperty(PROPERTY);
        if (archive == null || archive.isBlank()) {
            return;
        }
        try {
            Files.writeString(Path.of(archive + ".complete"), "");
        } catch (IOException e) {
            // no archive for later runs: they start as this one did, a little slower
        }
    }
}
