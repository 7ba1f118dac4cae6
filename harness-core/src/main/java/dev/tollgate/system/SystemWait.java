package dev.tollgate.system;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apiguardian.api.API;

/**
 * How long one step (or a suite's clean-up) waited on the system under test: inside HTTP exchanges
 * the service answers, SQL statements its database runs, a clean install of a reference database,
 * the service's own shutdown. The engine opens one
 * per step on the step's thread ({@link #bind}); the places that wait mark the wait with
 * {@link #waiting}. Time counts once while at least one wait is under way, also when waits overlap
 * (probes sent side by side, a wait inside another), so the total never exceeds the step's own time;
 * each stretch goes to what opened it. Outside a step (or on a thread that was not handed the step's
 * tally, see {@link #propagate}) marking a wait costs nothing and records nothing.
 * <p>
 * Why: a release gate's time is the system's work plus the harness's; without this, every check step
 * would count wholly as the harness's, although a check mostly waits for answers.
 */
@API(status = INTERNAL, since = "0.1")
public final class SystemWait {

    /** What was awaited: the keys of {@link #millis()}. */
    public static final String HTTP = "http";
    public static final String SQL = "sql";
    public static final String CLEAN_INSTALL = "clean install";
    public static final String SERVICE_STOP = "service stop";
    /** A release started again where a step needed it up (after a backup stopped it). */
    public static final String SERVICE_START = "service start";

    private static final ThreadLocal<SystemWait> CURRENT = new ThreadLocal<>();
    private static final Interval NOTHING = () -> { };

    private final Map<String, Long> nanos = new LinkedHashMap<>();
    private int underWay;
    private long since;
    private String opener;

    /** A stretch of waiting; closing it ends it. */
    public interface Interval extends AutoCloseable {
        @Override
        void close();
    }

    /** Marks a wait on the system under test of the current step, until the interval is closed. */
    public static Interval waiting(String what) {
        SystemWait tally = CURRENT.get();
        return tally == null ? NOTHING : tally.open(what);
    }

    /** The current step's tally on another thread the step runs work on (a pool of probes). */
    public static <T> Callable<T> propagate(Callable<T> task) {
        SystemWait tally = CURRENT.get();
        return tally == null ? task : () -> tally.bind(task);
    }

    /** Runs {@code task} on this thread with this tally as the current one. */
    public void during(Runnable task) {
        try {
            bind(() -> {
                task.run();
                return null;
            });
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);  // a Runnable throws no checked exception
        }
    }

    /** Runs {@code task} on this thread with this tally as the current one. */
    public <T> T bind(Callable<T> task) throws Exception {
        SystemWait outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return task.call();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    private synchronized Interval open(String what) {
        if (underWay++ == 0) {
            since = System.nanoTime();
            opener = what;
        }
        boolean[] closed = {false};
        return () -> close(closed);
    }

    private synchronized void close(boolean[] closed) {
        if (closed[0]) {
            return;
        }
        closed[0] = true;
        if (--underWay == 0) {
            nanos.merge(opener, System.nanoTime() - since, Long::sum);
        }
    }

    /** Milliseconds waited, by what was awaited, stretches that are still under way included. */
    public synchronized Map<String, Long> millis() {
        Map<String, Long> millis = new LinkedHashMap<>();
        nanos.forEach((what, spent) -> millis.merge(what, spent, Long::sum));
        if (underWay > 0) {
            millis.merge(opener, System.nanoTime() - since, Long::sum);
        }
        millis.replaceAll((what, spent) -> spent / 1_000_000);
        return millis;
    }
}
