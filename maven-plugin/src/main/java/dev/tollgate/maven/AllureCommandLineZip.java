package dev.tollgate.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.maven.plugin.MojoExecutionException;

/**
 * The Allure command line this plugin brings (its zip from Maven Central, a dependency of the
 * plugin), unpacked once under the build directory: the report step runs its {@code lib/} jars.
 */
final class AllureCommandLineZip {

    private static final String MARKER = ".unpacked";

    private AllureCommandLineZip() {
    }

    /** @return the unpacked {@code allure-X} folder (with {@code lib/} and {@code plugins/}) */
    static Path unpacked(Path zip, Path into) throws MojoExecutionException {
        Path marker = into.resolve(MARKER);
        try {
            if (!Files.isRegularFile(marker) || !Files.readString(marker).equals(zip.getFileName().toString())) {
                unzip(zip, into);
                Files.writeString(marker, zip.getFileName().toString());
            }
            try (Stream<Path> dirs = Files.list(into)) {
                return dirs.filter(dir -> Files.isDirectory(dir.resolve("lib"))).findFirst()
                        .orElseThrow(() -> new IOException("no allure-X/lib folder in " + zip));
            }
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot unpack the Allure command line " + zip + " into " + into + ": "
                    + e.getMessage() + ". Delete " + into + " and run again, or give <allureHome> (-Dtollgate.allureHome=DIR)", e);
        }
    }

    private static void unzip(Path zip, Path into) throws IOException {
        deleteTree(into);
        Files.createDirectories(into);
        try (ZipInputStream entries = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("entry " + entry.getName() + " would be written outside " + into);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    copy(entries, target);
                    if (target.getParent().getFileName().toString().equals("bin")) {
                        executable(target);
                    }
                }
            }
        }
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void executable(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException | IOException e) {
            // Windows: the report step runs the jars with java, not the script.
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
