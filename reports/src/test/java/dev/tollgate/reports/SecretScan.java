package dev.tollgate.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Looks for secret values in every file under some directories, line by line, and says where each
 * one is: {@code file:line: the admin token}. Files are read as bytes (Latin-1), so a binary file or
 * one in another encoding is scanned too rather than skipped; a secret is ASCII, so it matches either way.
 */
final class SecretScan {

    /** One secret found: the file, the line (from 1) and the secret's name, never its value. */
    record Finding(Path file, int line, String secret) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + secret;
        }
    }

    private final Map<String, String> secrets = new LinkedHashMap<>();

    /** Adds a secret to look for, by a name that may be shown; values shorter than 8 characters are refused as too likely by chance. */
    SecretScan secret(String name, String value) {
        if (value == null || value.length() < 8) {
            throw new IllegalArgumentException("secret " + name + " is too short to scan for without false alarms: "
                    + (value == null ? "null" : value.length() + " characters"));
        }
        secrets.put(name, value);
        return this;
    }

    Map<String, String> secrets() {
        return Map.copyOf(secrets);
    }

    /** Every regular file under the roots (a root may be a file), scanned. */
    List<Finding> scan(List<Path> roots) {
        List<Finding> findings = new ArrayList<>();
        for (Path file : files(roots)) {
            findings.addAll(scanFile(file));
        }
        return findings;
    }

    static List<Path> files(List<Path> roots) {
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + root, e);
            }
        }
        return files;
    }

    private List<Finding> scanFile(Path file) {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<Finding> findings = new ArrayList<>();
        int lineNumber = 0;
        for (String line : (Iterable<String>) text.lines()::iterator) {
            lineNumber++;
            for (Map.Entry<String, String> secret : secrets.entrySet()) {
                if (line.contains(secret.getValue())) {
                    findings.add(new Finding(file, lineNumber, secret.getKey()));
                }
            }
        }
        return findings;
    }
}
