package dev.tollgate.runtime.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What moves to an engine without this machine's files: the binds as both Compose versions write
 * them in their resolved file, and the archive they travel in. (RemoteDockerEngineIT runs the
 * {@code full} profile, whose proxy reads its bind-mounted haproxy.cfg, on such an engine.)
 */
class ProfileFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsBindsInShortAndLongSyntaxAndLeavesNamedVolumesAlone() throws Exception {
        assertEquals(Optional.of(new ProfileFiles.BindMount("/p/full/haproxy.cfg", "/usr/local/etc/haproxy/haproxy.cfg", true)),
                ProfileFiles.bindOf(JSON.readTree("\"/p/full/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro\"")));
        assertEquals(Optional.of(new ProfileFiles.BindMount("/p/init", "/docker-entrypoint-initdb.d", false)),
                ProfileFiles.bindOf(JSON.readTree("{\"type\":\"bind\",\"source\":\"/p/init\",\"target\":\"/docker-entrypoint-initdb.d\"}")));
        assertEquals(Optional.empty(), ProfileFiles.bindOf(JSON.readTree("\"pgdata:/var/lib/postgresql/data:rw\"")));
        assertEquals(Optional.empty(), ProfileFiles.bindOf(JSON.readTree(
                "{\"type\":\"volume\",\"source\":\"pgdata\",\"target\":\"/var/lib/postgresql/data\"}")));
    }

    @Test
    void aDirectoryTravelsWholeWithItsScriptsStillExecutable(@TempDir Path profile) throws Exception {
        Path init = Files.createDirectories(profile.resolve("init"));
        Files.writeString(init.resolve("01-schema.sql"), "create table t (id int);");
        Path script = Files.writeString(init.resolve("02-seed.sh"), "#!/bin/sh\necho seeded\n");
        assertTrue(script.toFile().setExecutable(true));

        List<String> entries = new ArrayList<>();
        Map<String, Integer> modes = new java.util.HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(ProfileFiles.tar(init, "0/init")))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                entries.add(entry.getName());
                modes.put(entry.getName(), entry.getMode());
                if (entry.getName().endsWith("01-schema.sql")) {
                    assertEquals("create table t (id int);", new String(tar.readAllBytes()));
                }
            }
        }
        assertEquals(List.of("0/", "0/init/", "0/init/01-schema.sql", "0/init/02-seed.sh"),
                entries.stream().sorted().toList());
        assertEquals(0100755, modes.get("0/init/02-seed.sh"));
        assertEquals(0100644, modes.get("0/init/01-schema.sql"));
    }

    @Test
    void aSweepLeavesTheRunsOfAnotherMachineOnASharedEngineAlone() {
        long gone = Long.MAX_VALUE; // no such process
        assertFalse(RunSweep.ownerIsGone(Map.of(DockerEngine.OWNER_LABEL, Long.toString(gone),
                DockerEngine.OWNER_HOST_LABEL, "another-ci-runner")), "its process cannot be looked up from here");
        assertTrue(RunSweep.ownerIsGone(Map.of(DockerEngine.OWNER_LABEL, Long.toString(gone),
                DockerEngine.OWNER_HOST_LABEL, RunSweep.thisHost())));
        assertFalse(RunSweep.ownerIsGone(Map.of(DockerEngine.OWNER_LABEL, Long.toString(ProcessHandle.current().pid()),
                DockerEngine.OWNER_HOST_LABEL, RunSweep.thisHost())));
    }
}
