package dev.tollgate.check.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.tollgate.check.CheckResult;
import dev.tollgate.check.EvidenceDatabase;
import dev.tollgate.check.EvidenceDatabase.Context;
import dev.tollgate.check.Status;

/** The {@code data} check on state kept outside PostgreSQL: files lost or changed since a snapshot. */
class DataCheckStateTest {

    @RegisterExtension
    static final EvidenceDatabase postgres = EvidenceDatabase.perClass();
    private final DataCheck data = new DataCheck();

    @TempDir
    Path dataDir;

    private Context withHostKeysAndStore() throws Exception {
        Path ssh = Files.createDirectories(dataDir.resolve("ssh"));
        Files.writeString(ssh.resolve("ssh_host_ed25519_key"), "-----BEGIN OPENSSH PRIVATE KEY----- (test key)\n");
        Files.writeString(ssh.resolve("ssh_host_ed25519_key.pub"), "ssh-ed25519 AAAAC3Nza test\n");
        Path store = Files.createDirectories(dataDir.resolve("store/streams"));
        Files.writeString(store.resolve("orders.log"), "1 created\n2 paid\n");
        return postgres.create("CREATE TABLE missions (id integer PRIMARY KEY)")
                .withState(Map.of("hostkeys", ssh, "store", dataDir.resolve("store")));
    }

    @Test
    void unchangedStatePasses() throws Exception {
        Context context = withHostKeysAndStore();
        context.snapshot("before-upgrade", "SELECT 1");

        CheckResult result = context.check(data, Map.of("since", "before-upgrade"));

        assertEquals(Status.PASSED, result.status(), result.message());
        assertTrue(result.evidence().stream().anyMatch(evidence -> evidence.content().contains("streams/orders.log")),
                "the files are evidence");
    }

    @Test
    void aFileLostFromTheStoreFailsNamingIt() throws Exception {
        Context context = withHostKeysAndStore();
        context.snapshot("before-upgrade", "SELECT 1");
        Files.delete(dataDir.resolve("store/streams/orders.log"));

        CheckResult result = context.check(data, Map.of("since", "before-upgrade", "changes", List.of("store")));

        assertEquals(Status.FAILED, result.status());
        assertTrue(result.message().contains("1 file(s) of state 'store' lost since snapshot before-upgrade: streams/orders.log"),
                result.message());
    }

    @Test
    void aChangedHostKeyFailsUnlessTheStateIsDeclaredToChange() throws Exception {
        Context context = withHostKeysAndStore();
        context.snapshot("before-upgrade", "SELECT 1");
        Files.writeString(dataDir.resolve("ssh/ssh_host_ed25519_key.pub"), "ssh-ed25519 AAAAC3Nza regenerated\n");
        Files.writeString(dataDir.resolve("store/streams/orders.log"), "3 shipped\n", java.nio.file.StandardOpenOption.APPEND);

        CheckResult hostKey = context.check(data, Map.of("since", "before-upgrade", "changes", List.of("store")));
        CheckResult declared = context.check(data, Map.of("since", "before-upgrade", "changes", List.of("store", "hostkeys")));

        assertEquals(Status.FAILED, hostKey.status());
        assertEquals("1 file(s) of state 'hostkeys' changed since snapshot before-upgrade: ssh_host_ed25519_key.pub;"
                + " declare changes: [hostkeys] if the service rewrites them", hostKey.message());
        assertEquals(Status.PASSED, declared.status(), declared.message());
        assertTrue(declared.message().contains("1 file(s) of state 'store' changed since snapshot before-upgrade: streams/orders.log"
                + " (declared under changes:)"), declared.message());
    }
}
