package dev.tollgate.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;

/**
 * Backups of the state a profile keeps outside PostgreSQL ({@code state:}): each backup copies every
 * state directory, whole, under a name; a restore empties each directory and puts the copy back (or
 * removes the directory where it did not exist when the backup was taken). The caller stops the
 * service first, so no file is half written.
 */
final class StateCopies {

    private final Map<String, Path> directories;
    private final Path root;
    private final Map<String, Path> backups = new HashMap<>();

    /**
     * @param directories the state directories by name, resolved
     * @param root        where copies are kept (in the run's backup directory, deleted with the run)
     */
    StateCopies(Map<String, Path> directories, Path root) {
        this.directories = new LinkedHashMap<>(directories);
        this.root = root;
    }

    boolean isEmpty() {
        return directories.isEmpty();
    }

    /** Copies every state directory as backup {@code name}. */
    void backup(String name) {
        Path copy = root.resolve("state-" + backups.size());
        directories.forEach((state, directory) -> {
            try {
                Path target = copy.resolve(state);
                Files.createDirectories(target.getParent());
                if (Files.isDirectory(directory)) {
                    copyTree(directory, target);
                }
            } catch (IOException e) {
                throw new TollgateException(ErrorCode.RUNTIME_BACKUP_FAILED, "Cannot back up state '" + state + "' from "
                        + directory + " to " + copy + ": " + e.getMessage() + ". Free space on that disk or point"
                        + " database: backupDir: at a disk with room.", e);
            }
        });
        backups.put(name, copy);
    }

    /** Puts every state directory back as backup {@code name} had it; nothing to do for a backup taken before state existed. */
    void restore(String name) {
        Path copy = backups.get(name);
        if (copy == null) {
            return;  // the database restore already says which backups exist
        }
        directories.forEach((state, directory) -> {
            try {
                RunDirectory.deleteRecursively(directory);
                Path saved = copy.resolve(state);
                if (Files.isDirectory(saved)) {
                    copyTree(saved, directory);
                }
            } catch (IOException | RuntimeException e) {
                throw new TollgateException(ErrorCode.RUNTIME_BACKUP_FAILED, "Cannot restore state '" + state + "' to "
                        + directory + " from backup '" + name + "': " + e.getMessage(), e);
            }
        });
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING,
                            LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }
}
