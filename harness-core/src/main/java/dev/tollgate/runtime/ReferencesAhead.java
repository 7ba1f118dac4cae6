package dev.tollgate.runtime;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.apiguardian.api.API;

import dev.tollgate.model.Release;
import dev.tollgate.system.DatabaseEndpoint;
import dev.tollgate.system.SystemWait;

/**
 * Clean-install references started ahead, beside the suite's steps: the convergence check then
 * finds its reference ready or under way. Used by the local runtime (the reference is a release
 * process on a database of its own) and the compose runtime (safe there because the reference's
 * one-off container names its release in its own command's variables and never switches the
 * project's release variable a deploy reads).
 */
@API(status = INTERNAL, since = "0.2")
public final class ReferencesAhead {

    private final Map<Release, CompletableFuture<DatabaseEndpoint>> ahead = new HashMap<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private boolean stopped;

    /**
     * Starts {@code install} for {@code release} on a thread of its own, once; its waits on the
     * system count for the caller's tally ({@link SystemWait#propagate}), as they would in the check.
     */
    public synchronized void start(Release release, Function<Release, DatabaseEndpoint> install, Progress progress) {
        if (stopped || ahead.containsKey(release)) {
            return;
        }
        CompletableFuture<DatabaseEndpoint> future = new CompletableFuture<>();
        ahead.put(release, future);
        java.util.concurrent.Callable<DatabaseEndpoint> task = SystemWait.propagate(() -> {
            try (SystemWait.Interval waiting = SystemWait.waiting(SystemWait.CLEAN_INSTALL)) {
                return install.apply(release);
            }
        });
        Thread thread = new Thread(() -> {
            try {
                future.complete(task.call());
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, "tollgate-clean-install-" + release);
        thread.setDaemon(true);
        threads.add(thread);
        progress.report("clean install of " + release + " for reference (convergence) started beside the steps");
        thread.start();
    }

    /** The reference started ahead for {@code release}, waited for; empty when none was started. */
    public Optional<DatabaseEndpoint> join(Release release) {
        CompletableFuture<DatabaseEndpoint> future;
        synchronized (this) {
            future = ahead.get(release);
        }
        if (future == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(future.join());
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Starts no more, and waits up to {@code timeout} for those under way: called once their
     * containers are gone, so they end quickly, before the Docker connection closes under them.
     */
    public void stop(Duration timeout) {
        synchronized (this) {
            stopped = true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
