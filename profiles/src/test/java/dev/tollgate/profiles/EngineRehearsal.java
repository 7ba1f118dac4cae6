package dev.tollgate.profiles;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import java.nio.file.Path;
import java.util.Arrays;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The real engine on the shipped suites, as Failsafe runs it, in a JVM of its own so that
 * {@link InterruptAnywhereTest} can interrupt it wherever it likes. Arguments: suite files.
 */
public final class EngineRehearsal {

    private EngineRehearsal() {
    }

    public static void main(String[] args) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(Arrays.stream(args).map(file -> selectFile(Path.of(file).toFile())).toList())
                .build();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request);
        System.out.println("REHEARSAL DONE");
    }
}
