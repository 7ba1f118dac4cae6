package dev.tollgate.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.model.Profile;

/**
 * Where the local runtime writes {@code pg_dump} files and cold copies: {@code backupDir:} of the
 * profile's database (a subdirectory per run, deleted with the run), or the run's scratch directory.
 * A disk that is full or cannot be written is the machine's fault, not the release's: it ends the
 * backup with a message that names the directory and what to do.
 */
final class BackupDirectory {

    /** What pg_dump, pg_ctl or the JDK say when the disk refuses a write. */
    private static final List<String> CANNOT_WRITE = List.of("no space left on device", "read-only file system",
            "permission denied", "disk quota exceeded", "could not open output file", "could not write",
            "access denied", "file too large");

    private final Path path;
    private final boolean configured;
    private final String profile;

    private BackupDirectory(Path path, boolean configured, String profile) {
        this.path = path;
        this.configured = configured;
        this.profile = profile;
    }

    static BackupDirectory of(Profile profile, RunDirectory run) {
        String configured = profile.database().backupDir();
        if (configured == null || configured.isBlank()) {
            return new BackupDirectory(run.resolve("backups"), false, profile.describe());
        }
        Path base = Path.of(configured);
        if (!base.isAbsolute() && profile.source() != null) {
            base = profile.source().toAbsolutePath().getParent().resolve(base);
        }
        return new BackupDirectory(base.normalize().resolve(run.runId()), true, profile.describe());
    }

    /** The path for a backup called {@code fileName}, the directory made if needed. */
    Path file(String fileName) {
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new TollgateException(ErrorCode.RUNTIME_BACKUP_FAILED, "Cannot take the backup: the backup directory "
                    + path + " cannot be created (" + reason(e) + "). " + fix(), e);
        }
        return path.resolve(fileName);
    }

    /**
     * The failure of a backup tool, named for the directory when the disk refused the write (full,
     * read-only, not ours); any other failure as it was.
     */
    TollgateException explain(TollgateException failure) {
        String original = String.valueOf(failure.getMessage());
        String lower = original.toLowerCase(Locale.ROOT);
        java.util.Optional<String> refusal = CANNOT_WRITE.stream().filter(lower::contains).findFirst()
                .map(phrase -> original.substring(lower.indexOf(phrase), lower.indexOf(phrase) + phrase.length()));
        if (refusal.isEmpty()) {
            return failure;
        }
        // What broke, where, and what to do on the first line (summaries show only that one); the tool's words after.
        return new TollgateException(failure.code(), "Cannot take the backup: the backup directory " + path
                + " refused it (" + refusal.get() + "; " + free() + "). " + fix() + "\n" + original, failure);
    }

    /** Removes the run's backups from a configured directory; the scratch directory goes with the run. */
    void close() {
        if (configured && Files.exists(path)) {
            RunDirectory.deleteRecursively(path);
        }
    }

    private String fix() {
        return "Free space on that disk or make it writable, or point database: backupDir: in " + profile
                + " at a disk with room" + (configured ? "" : " (backups go into the run's scratch directory by default;"
                + " -Dtollgate.work.dir=DIR moves it)") + ".";
    }

    private String free() {
        try {
            Path existing = path;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                return "free space unknown";
            }
            long free = Files.getFileStore(existing).getUsableSpace();
            return free < 1024 * 1024 ? (free / 1024) + " KiB free" : (free / (1024 * 1024)) + " MiB free";
        } catch (IOException e) {
            return "free space unknown";
        }
    }

    // A FileSystemException's reason is the system's word ("Read-only file system"); its message repeats the path.
    private static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    Path path() {
        return path;
    }
}
