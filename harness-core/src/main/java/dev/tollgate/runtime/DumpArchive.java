package dev.tollgate.runtime;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

import org.apiguardian.api.API;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;

/**
 * A {@code pg_dump} archive as its header says: which format, and for the archive formats the
 * archive version, which decides the oldest {@code pg_restore} that reads it. Read before anything
 * starts, so a dump that cannot be restored fails the run at once rather than after the database
 * server and the clean-install reference are up.
 *
 * @param path         the file or (directory format) directory
 * @param format       how it is to be restored
 * @param archiveMajor for the archive formats, the archive version's first number (1); 0 for plain SQL
 * @param archiveMinor for the archive formats, its second (14 is written by pg_dump 12 to 15); 0 for plain SQL
 */
@API(status = INTERNAL, since = "0.2")
public record DumpArchive(Path path, Format format, int archiveMajor, int archiveMinor) {

    /** The archive formats {@code pg_dump} writes, as {@code --format} names them. */
    public enum Format {
        /** {@code -Fc}: one file, restored by {@code pg_restore}. */
        CUSTOM,
        /** {@code -Fd}: a directory with {@code toc.dat}, restored by {@code pg_restore --jobs}. */
        DIRECTORY,
        /** {@code -Ft}: a tar file, restored by {@code pg_restore}. */
        TAR,
        /** {@code -Fp}: an SQL script, run by {@code psql}. */
        PLAIN
    }

    private static final byte[] MAGIC = "PGDMP".getBytes(StandardCharsets.US_ASCII);
    private static final int TAR_BLOCK = 512;
    private static final String PLAIN_HEADER = "-- PostgreSQL database dump";
    private static final String CLUSTER_HEADER = "-- PostgreSQL database cluster dump";

    public DumpArchive {
        Objects.requireNonNull(path, "path must not be null");
        Objects.requireNonNull(format, "format must not be null");
    }

    /**
     * The oldest {@code pg_restore} major release that reads this archive, from the archive versions
     * PostgreSQL introduced (1.14 in 12, 1.15 in 16, 1.16 in 17); 0 for plain SQL, which {@code psql}
     * runs. A version newer than this build knows asks for the release after the newest it knows.
     */
    public int oldestPgRestore() {
        if (format == Format.PLAIN) {
            return 0;
        }
        if (archiveMajor < 1 || archiveMajor == 1 && archiveMinor <= 12) {
            return 9;
        }
        if (archiveMajor > 1) {
            return 18;
        }
        return switch (archiveMinor) {
            case 13 -> 11;
            case 14 -> 12;
            case 15 -> 16;
            case 16 -> 17;
            default -> 18;
        };
    }

    /** {@code custom archive 1.14}, {@code plain SQL} */
    public String describe() {
        return format == Format.PLAIN ? "plain SQL dump"
                : format.name().toLowerCase(java.util.Locale.ROOT) + "-format archive (archive version " + archiveMajor + "."
                + archiveMinor + ")";
    }

    /**
     * The command that restores this dump, found at {@code file} where it runs, into {@code database}
     * (which must exist and be empty), without the connection options: an archive with
     * {@code pg_restore} (a directory-format one with {@code --jobs}), plain SQL with {@code psql},
     * stopping at the first error. Owners and privileges are left out: the roles of the database the
     * dump was taken from need not exist here, and the release's own user owns what it restores.
     */
    public java.util.List<String> restoreCommand(String file, String database) {
        if (format == Format.PLAIN) {
            return java.util.List.of("psql", "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--single-transaction",
                    "--file=" + file, "--dbname=" + database);
        }
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("pg_restore", "--no-owner",
                "--no-privileges", "--exit-on-error", "--dbname=" + database));
        if (format == Format.DIRECTORY) {
            command.add("--jobs=" + Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
        }
        command.add(file);
        return java.util.List.copyOf(command);
    }

    /**
     * The major release of a {@code pg_restore} from what its {@code --version} printed
     * ({@code 15} for {@code pg_restore (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)}); empty when
     * that names none.
     */
    public static java.util.OptionalInt pgRestoreMajor(String versionOutput) {
        java.util.regex.Matcher version = java.util.regex.Pattern.compile("\\)\\s+(\\d+)").matcher(versionOutput);
        return version.find() ? java.util.OptionalInt.of(Integer.parseInt(version.group(1))) : java.util.OptionalInt.empty();
    }

    /**
     * Reads the header of the dump at {@code path}.
     *
     * @throws TollgateException ({@link ErrorCode#LOAD_BASELINE_INVALID}) when it does not exist or is
     *                           not a PostgreSQL dump, naming the file and what was found
     */
    public static DumpArchive read(Path path) {
        if (!Files.exists(path)) {
            throw invalid(path + " does not exist. Make the dump with pg_dump -Fc (or -Fd, -Ft, or plain SQL) and give its"
                    + " path in from:, relative to the suite file or with ${project.dir}.");
        }
        try {
            if (Files.isDirectory(path)) {
                Path toc = path.resolve("toc.dat");
                if (!Files.isRegularFile(toc)) {
                    throw invalid(path + " is a directory without toc.dat, so not a directory-format dump (pg_dump -Fd)."
                            + " Name the dump's own directory, or a custom-format file (pg_dump -Fc), in from:.");
                }
                byte[] head = head(toc, 16);
                return archive(path, Format.DIRECTORY, head, 0).orElseThrow(() -> invalid(toc + " does not start with"
                        + " PGDMP, so " + path + " is not a directory-format dump (pg_dump -Fd); make it again with pg_dump -Fd."));
            }
            byte[] head = head(path, 8192);
            java.util.Optional<DumpArchive> custom = archive(path, Format.CUSTOM, head, 0);
            if (custom.isPresent()) {
                return custom.get();
            }
            if (isTar(head)) {
                return archive(path, Format.TAR, head, TAR_BLOCK).orElseThrow(() -> invalid(path + " is a tar file whose"
                        + " first member is not a pg_dump toc.dat, so not a tar-format dump (pg_dump -Ft)."
                        + " Unpack it, or make the dump with pg_dump -Fc."));
            }
            String text = new String(head, StandardCharsets.UTF_8);
            if (text.contains(CLUSTER_HEADER)) {
                throw invalid(path + " is a pg_dumpall cluster dump; from: takes one database's dump. Make it with"
                        + " pg_dump -Fc DBNAME.");
            }
            if (text.contains(PLAIN_HEADER)) {
                return new DumpArchive(path, Format.PLAIN, 0, 0);
            }
            throw invalid(path + " is not a PostgreSQL dump: it starts with " + found(head) + ", neither PGDMP (pg_dump -Fc),"
                    + " a tar header (pg_dump -Ft), nor pg_dump's plain SQL header. Make it with pg_dump -Fc"
                    + (head.length > 1 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b ? ", or gunzip it first" : "")
                    + ".");
        } catch (IOException e) {
            throw invalid("Cannot read the dump " + path + ": " + e.getMessage() + ". Check that it is readable.");
        }
    }

    private static java.util.Optional<DumpArchive> archive(Path path, Format format, byte[] head, int offset) {
        if (head.length < offset + MAGIC.length + 2
                || !Arrays.equals(head, offset, offset + MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new DumpArchive(path, format, head[offset + MAGIC.length] & 0xff,
                head[offset + MAGIC.length + 1] & 0xff));
    }

    // POSIX and GNU tar both write "ustar" at offset 257 of each member's header block.
    private static boolean isTar(byte[] head) {
        return head.length >= TAR_BLOCK && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    }

    private static byte[] head(Path file, int bytes) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(bytes);
        }
    }

    private static String found(byte[] head) {
        if (head.length == 0) {
            return "nothing (the file is empty)";
        }
        StringBuilder shown = new StringBuilder("'");
        for (int i = 0; i < Math.min(head.length, 16); i++) {
            char c = (char) (head[i] & 0xff);
            shown.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return shown.append("'").toString();
    }

    private static TollgateException invalid(String message) {
        return new TollgateException(ErrorCode.LOAD_BASELINE_INVALID, "The dump to install from: " + message);
    }
}
