package dev.tollgate.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.maven.plugin.MojoExecutionException;

/**
 * The child JVM's class path in a {@code java @file} argument file: some hundred jars in a local
 * repository make a command line longer than Windows allows.
 */
final class ChildClasspath {

    private ChildClasspath() {
    }

    /** @return the argument file, holding {@code -cp "jar:jar:…"} */
    static Path argumentFile(List<Path> jars, Path file) throws MojoExecutionException {
        String classpath = jars.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        try {
            Files.createDirectories(file.getParent());
            // In an argument file a quoted argument keeps its spaces; backslashes escape, so they are doubled.
            Files.writeString(file, "-cp \"" + classpath.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n");
            return file;
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write the rehearsal's class path to " + file + ": " + e.getMessage(), e);
        }
    }
}
