package dev.tollgate.runtime;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.PrintStream;

import org.apiguardian.api.API;

/** What a person at the terminal sees while a run happens: each event with the time since start. */
@API(status = INTERNAL, since = "0.1")
@FunctionalInterface
public interface Progress {

    void report(String event);

    /** The same lines, each after {@code label}: which suite said it, when suites run side by side. */
    default Progress prefixed(String label) {
        return event -> report(label + event);
    }

    static Progress to(PrintStream out) {
        long start = System.nanoTime();
        return event -> out.printf("[tollgate %6.1fs] %s%n", (System.nanoTime() - start) / 1e9, event);
    }

    static Progress silent() {
        return event -> {
        };
    }
}
