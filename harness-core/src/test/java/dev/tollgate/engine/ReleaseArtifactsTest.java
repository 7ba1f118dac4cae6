package dev.tollgate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release's file is hashed once while it stays as it is (the previous and the candidate release are
 * often one jar), and hashed again once it changed: the run record never shows the digest of bits
 * that are no longer there.
 */
class ReleaseArtifactsTest {

    @TempDir
    Path dir;

    @Test
    void aFileIsHashedAsItIsNow() throws Exception {
        Path jar = dir.resolve("service.jar");
        Files.writeString(jar, "release 1.0.0");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        String first = ReleaseArtifacts.sha256(jar);
        assertEquals(sha256("release 1.0.0"), first);
        assertEquals(first, ReleaseArtifacts.sha256(dir.resolve("./service.jar")), "the same file by another path");

        // Rebuilt in place: same size, a later time.
        Files.writeString(jar, "release 1.1.0");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-01-02T00:00:00Z")));
        String rebuilt = ReleaseArtifacts.sha256(jar);
        assertNotEquals(first, rebuilt);
        assertEquals(sha256("release 1.1.0"), rebuilt);
    }

    private static String sha256(String content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes()));
    }
}
