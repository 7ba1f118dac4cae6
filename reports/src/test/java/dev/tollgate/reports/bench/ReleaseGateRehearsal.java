package dev.tollgate.reports.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import java.nio.file.Path;

import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * {@code -Prelease-gate} without Maven: the real engine on the suites of a directory tagged
 * {@code release-gate}, with Allure's listener, in a JVM of its own so its start is timed too.
 * Argument: the suites directory.
 */
public final class ReleaseGateRehearsal {

    private ReleaseGateRehearsal() {
    }

    public static void main(String[] args) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectDirectory(Path.of(args[0]).toFile()))
                .filters(TagFilter.includeTags("release-gate"))
                .build();
        LauncherFactory.create().execute(request);
    }
}
