package dev.tollgate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.support.hierarchical.ExclusiveResource;
import org.junit.platform.engine.support.hierarchical.ForkJoinPoolHierarchicalTestExecutorService;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestExecutorService.TestTask;
import org.junit.platform.engine.support.hierarchical.Node.ExecutionMode;
import org.junit.platform.engine.support.hierarchical.ParallelExecutionConfiguration;
import org.junit.platform.engine.support.hierarchical.ResourceLock;

/**
 * The order suites are handed to JUnit's fork-join executor in, run by that executor: side by side
 * on two threads, the two longest suites start first. Before, the shortest started first beside the
 * longest, and the second longest started last.
 */
class SuiteOrderTest {

    @Test
    void longestAlternateBetweenTheEnds() {
        assertEquals(List.of(1, 3, 5, 4, 2), TollgateEngineDescriptor.atBothEnds(List.of(1, 2, 3, 4, 5)));
        assertEquals(List.of(1, 3, 4, 2), TollgateEngineDescriptor.atBothEnds(List.of(1, 2, 3, 4)));
        assertEquals(List.of(1), TollgateEngineDescriptor.atBothEnds(List.of(1)));
    }

    @Test
    void onTwoThreadsTheTwoLongestStartFirst() throws Exception {
        // Suites named by rank, 1 the longest; each holds its thread until the first two have started.
        List<Integer> started = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstTwo = new CountDownLatch(2);
        List<TestTask> suites = new ArrayList<>();
        for (int rank : TollgateEngineDescriptor.atBothEnds(List.of(1, 2, 3, 4, 5))) {
            suites.add(task(() -> {
                started.add(rank);
                firstTwo.countDown();
                await(firstTwo);
            }));
        }
        try (ForkJoinPoolHierarchicalTestExecutorService executor = new ForkJoinPoolHierarchicalTestExecutorService(twoThreads())) {
            executor.submit(task(() -> executor.invokeAll(suites))).get(30, TimeUnit.SECONDS);
        }
        assertEquals(Set.of(1, 2), Set.copyOf(started.subList(0, 2)), "started in this order: " + started);
        assertEquals(5, started.size());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static TestTask task(Runnable body) {
        return new TestTask() {
            @Override
            public ExecutionMode getExecutionMode() {
                return ExecutionMode.CONCURRENT;
            }

            @Override
            public ResourceLock getResourceLock() {
                return NO_LOCK;
            }

            @Override
            public void execute() {
                body.run();
            }
        };
    }

    private static final ResourceLock NO_LOCK = new ResourceLock() {
        @Override
        public ResourceLock acquire() {
            return this;
        }

        @Override
        public void release() {
        }

        @Override
        public List<ExclusiveResource> getResources() {
            return List.of();
        }

        @Override
        public boolean isExclusive() {
            return false;
        }
    };

    private static ParallelExecutionConfiguration twoThreads() {
        return new ParallelExecutionConfiguration() {
            @Override
            public int getParallelism() {
                return 2;
            }

            @Override
            public int getMinimumRunnable() {
                return 2;
            }

            @Override
            public int getMaxPoolSize() {
                return 2;
            }

            @Override
            public int getCorePoolSize() {
                return 2;
            }

            @Override
            public int getKeepAliveSeconds() {
                return 30;
            }

            // As the engine's executor is configured by default (JUnit's fixed.saturate and dynamic.saturate
            // are true): a worker blocked in a join is not replaced beyond the pool's size. Without it, a
            // join that happens to block while both workers are busy fails the run ("Thread limit exceeded
            // replacing blocked worker"), which the engine never does.
            @Override
            public java.util.function.Predicate<? super java.util.concurrent.ForkJoinPool> getSaturatePredicate() {
                return pool -> true;
            }
        };
    }
}
