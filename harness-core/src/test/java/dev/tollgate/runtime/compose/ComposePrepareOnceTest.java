package dev.tollgate.runtime.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tollgate.api.TollgateException;
import dev.tollgate.load.ProfileLoader;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Variables;
import dev.tollgate.runtime.Progress;

/**
 * A compose profile's {@code prepare} runs once per run however many suites start side by side
 * (it ran once per suite: half a second to a second each for the quickstart's image check), again
 * for another run, and a failure reaches every suite that waited for it.
 */
class ComposePrepareOnceTest {

    @TempDir
    Path dir;

    @Test
    void oncePerRunAndItsFailureForEverySuite() throws Exception {
        Path counter = dir.resolve("prepared");
        Profile counting = profile("counting", "echo run >> " + counter + "; sleep 0.3");
        ExecutorService suites = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> started = new ArrayList<>();
            for (int suite = 0; suite < 3; suite++) {
                started.add(suites.submit(() -> ComposeProfile.prepare(counting, Progress.silent(), dir.resolve("run-1"))));
            }
            for (Future<?> suite : started) {
                suite.get();
            }
            assertEquals(1, Files.readAllLines(counter).size(), "three suites of one run: prepared once");
            ComposeProfile.prepare(counting, Progress.silent(), dir.resolve("run-2"));
            assertEquals(2, Files.readAllLines(counter).size(), "another run prepares again");

            Profile failing = profile("failing", "echo no images here; exit 3");
            TollgateException first = assertThrows(TollgateException.class,
                    () -> ComposeProfile.prepare(failing, Progress.silent(), dir.resolve("run-3")));
            TollgateException second = assertThrows(TollgateException.class,
                    () -> ComposeProfile.prepare(failing, Progress.silent(), dir.resolve("run-3")));
            assertTrue(first.getMessage().contains("exit code 3") && first.getMessage().contains("no images here"), first.getMessage());
            assertEquals(first.getMessage(), second.getMessage());
        } finally {
            suites.shutdownNow();
        }
    }

    @Test
    void suitesWaitingForItDoNotMakeJUnitsPoolStartMoreSuites() throws Exception {
        // JUnit runs suites on a fork-join pool: a worker that blocks in a way the pool knows of (joining
        // a future) makes it start another worker, so more suites would run side by side than configured.
        Profile slow = profile("slow", "sleep 0.5");
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(2);
        try {
            List<java.util.concurrent.ForkJoinTask<?>> suites = new ArrayList<>();
            for (int suite = 0; suite < 4; suite++) {
                suites.add(pool.submit(() -> ComposeProfile.prepare(slow, Progress.silent(), dir.resolve("run-4"))));
            }
            Thread.sleep(250);
            assertEquals(2, pool.getPoolSize(), "the pool kept its two workers while they waited");
            for (java.util.concurrent.ForkJoinTask<?> suite : suites) {
                suite.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private Profile profile(String name, String script) throws Exception {
        Path directory = Files.createDirectories(dir.resolve(name));
        Path prepare = directory.resolve("prepare.sh");
        Files.writeString(prepare, "#!/bin/sh\n" + script + "\n");
        prepare.toFile().setExecutable(true);
        Files.writeString(directory.resolve("docker-compose.yml"), "services:\n  db:\n    image: postgres\n  app:\n    image: app\n");
        Path file = directory.resolve("profile.yaml");
        Files.writeString(file, "name: " + name + "\nruntime: compose\ndatabase:\n  name: app\ncompose:\n  file: docker-compose.yml\n"
                + "  database: db\n  services: [app]\n  entry: app\n  port: 8080\n  release: RELEASE\n  prepare: [./prepare.sh]\n"
                + "service:\n  health: /health\n");
        return new ProfileLoader(Variables.fromSystem()).load(file);
    }
}
