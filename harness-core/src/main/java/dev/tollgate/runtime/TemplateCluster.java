package dev.tollgate.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A freshly initialised PostgreSQL data directory, kept so that every later embedded database
 * starts from a copy of it instead of running {@code initdb} again (about a second of CPU each; a
 * copy is a tenth of that). The first database's cluster, just after {@code initdb} and before its
 * server starts, becomes the template.
 *
 * <p>It is a cache shared between runs, like the PostgreSQL binaries the embedded library unpacks
 * into the system's temporary directory: a run that finds one spares {@code initdb} altogether, and
 * none deletes it at its end. Its name carries a digest of what makes a cluster ({@link #key}):
 * this system's PostgreSQL archive as its jar lists it (module jar or shaded alike), the
 * {@code initdb} options, the template's format and the user, so another PostgreSQL or another set
 * of options makes its own. A template is only ever written under a name of its own and then
 * renamed into place, so a run killed half-way leaves a partial copy no one reads (the next run
 * deletes it), never a half template. Where no such archive is on the class path (binaries from
 * elsewhere), the template lives only as long as this JVM: named after this process, deleted when
 * it ends or, if it was killed, by the next run.
 */
final class TemplateCluster {

    private static final String PREFIX = "tollgate-pg-template-";
    /** The options {@code initdb} makes the template with; part of its key. */
    static final Map<String, String> INITDB_OPTIONS = Map.of("wal-segsize", "1");
    // Bump when what a template holds changes in a way its key does not show.
    private static final int FORMAT = 1;
    private static final Optional<String> KEY = key(EmbeddedDatabase.class.getClassLoader());
    private static final Path LOCATION = Path.of(System.getProperty("java.io.tmpdir"))
            .resolve(PREFIX + KEY.map(key -> "v" + FORMAT + "-" + key).orElse(String.valueOf(ProcessHandle.current().pid())));
    // Matches what a run leaves only if it is killed: a template of the JVM's own, a partial copy.
    private static final Pattern OWNED = Pattern.compile(
            Pattern.quote(PREFIX) + "(?:(\\d+)(?:\\.partial)?|.+\\.partial-(\\d+))");
    private static final Object LOCK = new Object();
    private static final long WAIT_MILLIS = 60_000;
    private static boolean hooked;
    // A database is running initdb for the template: suites that start meanwhile wait for it and
    // copy, rather than run initdb side by side on the same cores.
    private static boolean making;

    private TemplateCluster() {
    }

    /**
     * Copies the template into an empty {@code dataDirectory}. False when there is no template yet:
     * the caller then runs initdb, and must call {@link #made()} when that start is over, kept or not.
     */
    static boolean copyInto(Path dataDirectory) {
        synchronized (LOCK) {
            long deadline = System.currentTimeMillis() + WAIT_MILLIS;
            while (making && System.currentTimeMillis() < deadline) {
                try {
                    LOCK.wait(Math.max(1, deadline - System.currentTimeMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            if (!Files.isRegularFile(LOCATION.resolve("PG_VERSION"))) {
                making = true;
                return false;
            }
        }
        try {
            copyTree(LOCATION, dataDirectory);
            return true;
        } catch (IOException | UncheckedIOException e) {
            RunDirectory.deleteRecursively(dataDirectory);
            return false;  // initdb, as without a template
        }
    }

    /** The database that was to make the template has started, or failed to: others may go on. */
    static void made() {
        synchronized (LOCK) {
            making = false;
            LOCK.notifyAll();
        }
    }

    /** Keeps a copy of a cluster {@code initdb} has just made, unless a template exists already. */
    static void keep(Path freshCluster) {
        synchronized (LOCK) {
            if (Files.exists(LOCATION)) {
                return;
            }
            if (!hooked) {
                removeStale();
                if (KEY.isEmpty()) {
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> RunDirectory.deleteRecursively(LOCATION),
                            "tollgate-template-cluster-cleanup"));
                }
                hooked = true;
            }
            // Another run may be writing the same template: each writes its own copy, the first rename wins.
            Path partial = LOCATION.resolveSibling(LOCATION.getFileName() + ".partial-" + ProcessHandle.current().pid());
            try {
                RunDirectory.deleteRecursively(partial);
                copyTree(freshCluster, partial);
                Files.move(partial, LOCATION, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | UncheckedIOException e) {
                RunDirectory.deleteRecursively(partial);  // no template, or another run's: later databases copy that or run initdb
            }
            making = false;  // those waiting may copy now, while this server starts
            LOCK.notifyAll();
        }
    }

    /**
     * What makes a cluster, as a digest: the PostgreSQL binaries the embedded library unpacks (each
     * archive's name, size and checksum as its jar lists them, so a shaded jar tells versions apart
     * too), the {@code initdb} options and the user (a template of another user's could not be read).
     * Empty when no archive is found under the names the library looks for.
     */
    static Optional<String> key(ClassLoader loader) {
        List<String> binaries = new ArrayList<>();
        // Only this system's: a class path may carry every system's binaries, of which one is used.
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        String system = os.contains("mac") ? "darwin" : os.contains("win") ? "windows" : "linux";
        for (String arch : List.of("x86_64", "arm_64v8", "arm_32v7", "i386", "ppc64le")) {
            for (String variant : List.of("", "-alpine")) {
                String name = "postgres-" + system + "-" + arch + variant + ".txz";
                URL archive = loader.getResource(name);
                if (archive != null) {
                    binaries.add(name + " " + identity(archive));
                }
            }
        }
        if (binaries.isEmpty()) {
            return Optional.empty();
        }
        String made = String.join("\n", binaries) + "\n" + new TreeMap<>(INITDB_OPTIONS) + "\n"
                + System.getProperty("user.name");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(made.getBytes(StandardCharsets.UTF_8));
            return Optional.of(HexFormat.of().formatHex(digest, 0, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** An archive's size and checksum from its jar's index, without reading it; else its URL, size and time. */
    private static String identity(URL archive) {
        try {
            java.net.URLConnection connection = archive.openConnection();
            if (connection instanceof java.net.JarURLConnection entry) {
                connection.setUseCaches(false);
                java.util.jar.JarEntry listed = entry.getJarEntry();
                entry.getJarFile().close();
                return listed.getSize() + " " + Long.toHexString(listed.getCrc());
            }
            return archive + " " + connection.getContentLengthLong() + " " + connection.getLastModified();
        } catch (IOException e) {
            return archive.toString();
        }
    }

    /** Where the template lives. */
    static Path location() {
        return LOCATION;
    }

    /** Templates and partial copies of JVMs that are gone (killed, so their hook never ran). */
    private static void removeStale() {
        try (Stream<Path> entries = Files.list(LOCATION.getParent())) {
            entries.filter(path -> path.getFileName().toString().startsWith(PREFIX))
                    .filter(path -> owner(path).filter(pid -> ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true))
                            .isPresent())
                    .forEach(RunDirectory::deleteRecursively);
        } catch (IOException | UncheckedIOException e) {
            // another JVM's clean-up got there first, or the directory cannot be listed: nothing to do
        }
    }

    /** The process a template or partial copy belongs to; empty for a shared template, which no run deletes. */
    static Optional<Long> owner(Path template) {
        Matcher name = OWNED.matcher(template.getFileName().toString());
        if (!name.matches()) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(name.group(1) != null ? name.group(1) : name.group(2)));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                    // PostgreSQL refuses a data directory others may read (0700 or 0750 only).
                    Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(source));
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
