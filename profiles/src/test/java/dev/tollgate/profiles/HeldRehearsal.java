package dev.tollgate.profiles;

import java.nio.file.Path;

import dev.tollgate.model.Release;
import dev.tollgate.runtime.LocalRuntime;

/**
 * A rehearsal that stops half-way and waits to be interrupted, run in its own JVM by
 * {@link InterruptCleanupTest}. It announces each point it reaches on standard output.
 */
public final class HeldRehearsal {

    private HeldRehearsal() {
    }

    public static void main(String[] args) throws Exception {
        Path workParent = Path.of(args[0]);
        LocalRuntime runtime = LocalProfile.start(LocalProfile.load(), workParent);
        System.out.println("POINT database-up " + runtime.runId() + " " + runtime.runDirectory());
        System.out.println("POINT deploying " + runtime.runId() + " " + runtime.runDirectory());
        runtime.deploy(new Release("1.0.0"));
        System.out.println("POINT service-up " + runtime.runId() + " " + runtime.runDirectory());
        Thread.sleep(Long.MAX_VALUE);
    }
}
