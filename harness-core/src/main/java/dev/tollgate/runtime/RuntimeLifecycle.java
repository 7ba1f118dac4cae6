package dev.tollgate.runtime;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.apiguardian.api.API;

/**
 * The part of a runtime's life every runtime shares, written once: a shutdown hook that closes it on
 * Ctrl-C, close once (a second {@code close()}, the hook's say, waits until the first is done: the
 * JVM ends when its hooks return), refuse work once closed, and run every clean-up step even when
 * one fails, throwing the first failure with the others suppressed.
 *
 * <p>The instance is also the runtime's lifecycle lock: a runtime changes what {@code close()} must
 * clean up inside {@code synchronized (lifecycle)}, so a close never runs half-way through a start.
 */
@API(status = INTERNAL, since = "0.2")
public final class RuntimeLifecycle {

    /** How long a second {@code close()} waits for the first. */
    static final Duration CLOSE_WAIT = Duration.ofMinutes(2);

    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch closeDone = new CountDownLatch(1);
    private final Thread shutdownHook;
    private final Runnable slowClose;

    /**
     * Registers the shutdown hook.
     *
     * @param hookName  the hook thread's name ({@code tollgate-local-runtime-cleanup})
     * @param close     the runtime's {@code close()}, which the hook calls
     * @param slowClose what to say when a second close gave up waiting for the first
     */
    public RuntimeLifecycle(String hookName, Runnable close, Runnable slowClose) {
        this.slowClose = slowClose;
        this.shutdownHook = new Thread(close, hookName);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Whether {@code close()} has begun. */
    public boolean closed() {
        return closed.get();
    }

    /** @throws IllegalStateException once {@code close()} has begun */
    public void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("this runtime was closed");
        }
    }

    /**
     * Runs {@code steps} the first time; a later call waits until the first is done. The shutdown
     * hook is removed when a close that is not the hook's own ends.
     *
     * @throws RuntimeException the first step that failed, the others suppressed in it
     */
    public void close(Consumer<Failures> steps) {
        synchronized (this) {
            if (closed.getAndSet(true)) {
                awaitFirstClose();
                return;
            }
        }
        Failures failures = new Failures();
        try {
            steps.accept(failures);
            if (Thread.currentThread() != shutdownHook) {
                failures.run(() -> Runtime.getRuntime().removeShutdownHook(shutdownHook));
            }
        } finally {
            closeDone.countDown();
        }
        failures.throwFirst();
    }

    private void awaitFirstClose() {
        try {
            if (!closeDone.await(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                slowClose.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The clean-up steps of one close: each runs whatever the ones before it did. */
    public static final class Failures {

        // Steps may run side by side (servers stopped in parallel): a synchronized list.
        private final List<RuntimeException> failures = java.util.Collections.synchronizedList(new ArrayList<>());

        private Failures() {
        }

        /** Failures of clean-up steps run outside a runtime's close, thrown together at the end. */
        static Failures collecting() {
            return new Failures();
        }

        /** Whether a step has failed so far. */
        public boolean any() {
            return !failures.isEmpty();
        }

        /** Runs one clean-up step, keeping its failure for the end. */
        public void run(Runnable step) {
            try {
                step.run();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }

        void throwFirst() {
            if (!failures.isEmpty()) {
                RuntimeException first = failures.get(0);
                failures.stream().skip(1).forEach(first::addSuppressed);
                throw first;
            }
        }
    }
}
