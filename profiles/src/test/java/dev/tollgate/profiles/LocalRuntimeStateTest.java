package dev.tollgate.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tollgate.db.StateFingerprint;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Release;
import dev.tollgate.model.ServiceSpec;
import dev.tollgate.model.StateSpec;
import dev.tollgate.runtime.LocalRuntime;
import dev.tollgate.system.RunningService;

/** State outside PostgreSQL on the local runtime: the run's own data directory, backed up and restored with the database. */
class LocalRuntimeStateTest {

    private LocalRuntime runtime;

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void theStateIsBackedUpWhileTheServiceIsStoppedAndPutBackByTheRestore() throws Exception {
        Profile local = LocalProfile.load();
        Map<String, String> env = new HashMap<>(local.service().env());
        env.put("SAMPLE_DATA_DIR", "${service.dataDir}");
        ServiceSpec service = local.service();
        Profile profile = local.withService(new ServiceSpec(service.command(), env, service.port(), service.startTimeout(),
                service.stopTimeout(), service.health(), service.ready(), service.version()))
                .withState(Map.of("store", new StateSpec("${service.dataDir}/store")));
        runtime = LocalProfile.start(profile, LocalProfile.workParent());
        Path store = runtime.state().get("store");

        RunningService previous = runtime.deploy(new Release("1.0.0"));
        assertEquals(store.getParent().toString(), previous.environment().get("SAMPLE_DATA_DIR"),
                "the service is told the run's data directory");
        assertTrue(store.startsWith(runtime.runDirectory()), "the data directory is the run's own, deleted with it");
        Files.createDirectories(store.resolve("streams"));
        Files.writeString(store.resolve("streams/orders.log"), "1 created\n");
        Files.writeString(store.resolve("kms.meta"), "key-id 7\n");
        StateFingerprint atBackup = StateFingerprint.read("store", store);

        runtime.backup("before-upgrade");
        assertEquals("1.0.0", runtime.current().orElseThrow().release().id(), "a backup restarts what ran");
        runtime.deploy(new Release("1.1.0"));
        Files.delete(store.resolve("kms.meta"));
        Files.writeString(store.resolve("streams/orders.log"), "lost everything\n");
        runtime.restore("before-upgrade");

        assertTrue(runtime.current().isEmpty(), "a restore stops the service");
        assertEquals(atBackup, StateFingerprint.read("store", store));
        runtime.close();
        assertFalse(Files.exists(store), "the run's data directory goes with the run");
        runtime = null;
    }
}
