package dev.tollgate.engine;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;

import org.apiguardian.api.API;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.check.Secrets;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Variables;
import dev.tollgate.runtime.LocalRuntime;
import dev.tollgate.runtime.Progress;
import dev.tollgate.runtime.RemoteRuntime;
import dev.tollgate.runtime.SpareServers;
import dev.tollgate.runtime.SystemUnderTest;
import dev.tollgate.runtime.compose.ComposeRuntime;

/**
 * Starts the runtime a profile names with {@code runtime:}. It lives above the runtimes it chooses
 * from, so that the base runtime package depends on none of them.
 */
@API(status = INTERNAL, since = "0.1")
public final class Runtimes {

    private static final java.util.concurrent.atomic.AtomicBoolean WARMED = new java.util.concurrent.atomic.AtomicBoolean();

    private Runtimes() {
    }

    /**
     * @param workParent  where the run's scratch directory is created (and deleted at the end)
     * @param evidenceDir where logs are written and kept
     */
    public static SystemUnderTest start(Profile profile, Variables variables, Path workParent, Path evidenceDir,
            Progress progress) {
        return start(profile, variables, workParent, evidenceDir, progress, SpareServers.none());
    }

    /** As {@link #start(Profile, Variables, Path, Path, Progress)}; a local runtime's database server comes from {@code servers}. */
    public static SystemUnderTest start(Profile profile, Variables variables, Path workParent, Path evidenceDir,
            Progress progress, SpareServers servers) {
        SystemUnderTest started = switch (profile.runtime()) {
            case "local" -> LocalRuntime.start(profile, variables, workParent, evidenceDir, progress, servers);
            case "compose" -> ComposeRuntime.start(profile, variables, workParent, evidenceDir, progress);
            case "remote" -> RemoteRuntime.start(profile, variables, evidenceDir, progress);
            default -> throw new TollgateException(ErrorCode.LOAD_PROFILE_INVALID, profile.describe() + ": unknown runtime '"
                    + profile.runtime() + "'. Valid runtimes: local, compose, remote.");
        };
        rememberCredentials(started);
        return started;
    }

    /**
     * Starts, once per JVM and beside the caller, what the profile's runtime can do before its first
     * start (see {@link LocalRuntime#warmUp()}); the command line calls it as soon as it has loaded the
     * profile, the engine again when it prepares the run.
     */
    public static void warmUp(Profile profile) {
        if (!"local".equals(profile.runtime()) || !WARMED.compareAndSet(false, true)) {
            return;
        }
        LocalRuntime.repairBinaries();
        Thread warmUp = new Thread(LocalRuntime::warmUp, "tollgate-runtime-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        // The first run on a machine unpacks the binaries here: a run that ends meanwhile (a suite
        // error) waits for that to finish, rather than leave them half unpacked.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                warmUp.join(java.time.Duration.ofMinutes(1).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tollgate-runtime-warm-up-wait"));
    }

    /**
     * The database password a runtime made up (compose) or was given (remote) reaches commands it runs
     * later, such as a one-off container's {@code -e} and the message of a command that failed: every
     * writer masks it from here on, as it masks the subjects' tokens.
     */
    static void rememberCredentials(SystemUnderTest system) {
        system.credentials().forEach(Secrets::remember);
    }
}
