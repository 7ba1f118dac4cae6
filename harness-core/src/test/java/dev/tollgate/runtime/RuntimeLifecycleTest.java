package dev.tollgate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The lifecycle both the local and the compose runtime use: close once, a second close waits, every step runs. */
class RuntimeLifecycleTest {

    @Test
    void aSecondCloseWaitsUntilTheFirstIsDoneAndRunsNothingItself() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RuntimeLifecycle lifecycle = new RuntimeLifecycle("test-hook", () -> { }, () -> { });
        Runnable close = () -> lifecycle.close(failures -> failures.run(() -> {
            runs.incrementAndGet();
            firstStarted.countDown();
            await(release);
            done.set(true);
        }));
        Thread first = new Thread(close);
        first.start();
        assertTrue(firstStarted.await(5, TimeUnit.SECONDS));
        AtomicBoolean sawDone = new AtomicBoolean();
        Thread second = new Thread(() -> {
            close.run();
            sawDone.set(done.get());
        });
        second.start();

        second.join(300);
        assertTrue(second.isAlive(), "the second close waits while the first runs");
        release.countDown();
        second.join(5_000);
        first.join(5_000);

        assertFalse(second.isAlive());
        assertTrue(sawDone.get(), "when the second close returns, the first is done");
        assertEquals(1, runs.get(), "the clean-up ran once");
    }

    @Test
    void everyStepRunsAndTheFirstFailureIsThrownWithTheOthersSuppressed() {
        RuntimeLifecycle lifecycle = new RuntimeLifecycle("test-hook", () -> { }, () -> { });
        List<String> ran = new ArrayList<>();

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> lifecycle.close(failures -> {
            failures.run(() -> {
                ran.add("down");
                throw new IllegalStateException("down failed");
            });
            failures.run(() -> ran.add("sweep"));
            failures.run(() -> {
                ran.add("directory");
                throw new IllegalArgumentException("directory busy");
            });
        }));

        assertEquals(List.of("down", "sweep", "directory"), ran);
        assertEquals("down failed", thrown.getMessage());
        assertEquals("directory busy", thrown.getSuppressed()[0].getMessage());
    }

    @Test
    void aClosedRuntimeRefusesWork() {
        RuntimeLifecycle lifecycle = new RuntimeLifecycle("test-hook", () -> { }, () -> { });
        lifecycle.ensureOpen();

        lifecycle.close(failures -> { });

        assertTrue(lifecycle.closed());
        assertEquals("this runtime was closed", assertThrows(IllegalStateException.class, lifecycle::ensureOpen).getMessage());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
