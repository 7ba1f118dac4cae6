package dev.tollgate.db;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apiguardian.api.API;

/**
 * The files of one piece of state kept outside PostgreSQL (a profile's {@code state:}), at one point:
 * every regular file under its directory, by relative path, with its size and content hash.
 *
 * @param name      the state's name in the profile ({@code hostkeys})
 * @param directory the directory read
 * @param exists    whether the directory existed
 * @param files     its files in path order
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record StateFingerprint(String name, String directory, boolean exists, List<FileEntry> files) {

    /**
     * One file.
     *
     * @param path   relative to the state's directory, with {@code /} between names
     * @param size   in bytes
     * @param sha256 the content's SHA-256, in hex
     */
    public record FileEntry(String path, long size, String sha256) {
    }

    public StateFingerprint {
        Objects.requireNonNull(name, "name must not be null");
        files = List.copyOf(files);
    }

    /** Reads the directory now; a directory that does not exist yet has no files. */
    public static StateFingerprint read(String name, Path directory) {
        if (!Files.isDirectory(directory)) {
            return new StateFingerprint(name, directory.toString(), false, List.of());
        }
        List<FileEntry> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                files.add(new FileEntry(directory.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/"),
                        Files.size(file), sha256(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read state '" + name + "' in " + directory + ": " + e.getMessage(), e);
        }
        return new StateFingerprint(name, directory.toString(), true, files);
    }

    public Map<String, FileEntry> byPath() {
        Map<String, FileEntry> byPath = new TreeMap<>();
        files.forEach(file -> byPath.put(file.path(), file));
        return byPath;
    }

    /** Files at this fingerprint that {@code now} no longer has. */
    public List<String> lostIn(StateFingerprint now) {
        Map<String, FileEntry> after = now.byPath();
        return files.stream().map(FileEntry::path).filter(path -> !after.containsKey(path)).toList();
    }

    /** Files both have whose size or content differ. */
    public List<String> changedIn(StateFingerprint now) {
        Map<String, FileEntry> after = now.byPath();
        return files.stream().filter(file -> after.containsKey(file.path()) && !after.get(file.path()).equals(file))
                .map(FileEntry::path).toList();
    }

    /** Files {@code now} has that this fingerprint did not. */
    public List<String> addedIn(StateFingerprint now) {
        Map<String, FileEntry> before = byPath();
        return now.files().stream().map(FileEntry::path).filter(path -> !before.containsKey(path)).toList();
    }

    /** {@code hostkeys (…/ssh): 2 file(s)} and a line per file. */
    public String toText() {
        StringBuilder text = new StringBuilder(name).append(" (").append(directory).append("): ")
                .append(exists ? files.size() + " file(s)" : "no such directory").append('\n');
        files.forEach(file -> text.append("  ").append(file.path()).append("  ").append(file.size()).append(" bytes  sha256 ")
                .append(file.sha256()).append('\n'));
        return text.toString();
    }

    /** A file's SHA-256, in hex, read in blocks: also what release artifacts are checksummed with. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
