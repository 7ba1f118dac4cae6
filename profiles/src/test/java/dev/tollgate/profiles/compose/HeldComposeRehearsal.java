package dev.tollgate.profiles.compose;

import java.nio.file.Path;

import dev.tollgate.model.Release;
import dev.tollgate.runtime.compose.ComposeRuntime;

/**
 * A quickstart rehearsal that announces when its upgrade starts and then goes on, run in its own
 * JVM by {@link ComposeInterruptCleanupTest}, which interrupts it there.
 */
public final class HeldComposeRehearsal {

    private HeldComposeRehearsal() {
    }

    public static void main(String[] args) throws Exception {
        ComposeRuntime runtime = ComposeProfiles.start(ComposeProfiles.load("quickstart"), Path.of(args[0]));
        runtime.install(new Release("1.0.0"));
        System.out.println("POINT upgrading " + runtime.runId() + " " + runtime.projectName());
        System.out.flush();
        runtime.deploy(new Release("1.1.0"));
        System.out.println("POINT upgraded " + runtime.runId());
        Thread.sleep(Long.MAX_VALUE);
    }
}
