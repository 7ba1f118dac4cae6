package dev.tollgate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tollgate.db.StateFingerprint;

class StateCopiesTest {

    @TempDir
    Path dir;

    @Test
    void aRestorePutsBackEveryFileAsTheBackupHadItAndRemovesWhatCameLater() throws Exception {
        Path store = Files.createDirectories(dir.resolve("data/store/streams"));
        Files.writeString(store.resolve("orders.log"), "1 created\n");
        Files.writeString(dir.resolve("data/store/kms.meta"), "key-id 7\n");
        Path absent = dir.resolve("data/ssh");
        StateCopies copies = new StateCopies(Map.of("store", dir.resolve("data/store"), "hostkeys", absent), dir.resolve("backups"));
        StateFingerprint before = StateFingerprint.read("store", dir.resolve("data/store"));

        copies.backup("before-upgrade");
        Files.delete(dir.resolve("data/store/kms.meta"));
        Files.writeString(store.resolve("orders.log"), "rewritten\n");
        Files.writeString(store.resolve("new.log"), "after the backup\n");
        Files.createDirectories(absent);
        Files.writeString(absent.resolve("ssh_host_ed25519_key"), "generated after the backup\n");
        copies.restore("before-upgrade");

        assertEquals(before, StateFingerprint.read("store", dir.resolve("data/store")));
        assertFalse(Files.exists(absent), "state that did not exist at the backup does not exist after the restore");
    }
}
