package dev.tollgate.distribution.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import dev.tollgate.api.TollgateException;
import dev.tollgate.runtime.compose.ComposeCli;
import dev.tollgate.runtime.compose.DockerEngine;

/**
 * The profiles {@link ReleaseGateBenchmark} runs the release gate on ({@code -Dtollgate.bench.profile},
 * {@code local} by default), and what differs between them: the peer script, where the figures go,
 * what the phases are called, and what must be installed for the run to mean anything.
 */
enum BenchProfile {

    /** Embedded PostgreSQL and child JVMs; the peer is {@code bench/lifecycle.sh} on a database server started alike. */
    LOCAL("release-gate", PhaseBreakdown.Names.LOCAL, 1.0, 0.10),
    /** Docker compose with the locally built images; the peer is {@code bench/lifecycle-compose.sh}. */
    QUICKSTART("release-gate-quickstart", PhaseBreakdown.Names.COMPOSE, 1.2, 0.15);

    static final String PROPERTY = "tollgate.bench.profile";

    private final String output;
    private final PhaseBreakdown.Names phases;
    private final double ratioTarget;
    private final double shareTarget;

    // Targets of issue 21: Tollgate's wall time over the script's, and its own share of all work.
    BenchProfile(String output, PhaseBreakdown.Names phases, double ratioTarget, double shareTarget) {
        this.output = output;
        this.phases = phases;
        this.ratioTarget = ratioTarget;
        this.shareTarget = shareTarget;
    }

    /** At most this many times the peer script's wall time. */
    double ratioTarget() {
        return ratioTarget;
    }

    /** Tollgate's own work at most this share of all work. */
    double shareTarget() {
        return shareTarget;
    }

    static BenchProfile fromSystem() {
        String name = System.getProperty(PROPERTY, "local");
        return Arrays.stream(values()).filter(profile -> profile.id().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("-D" + PROPERTY + "=" + name + " names no profile the release-gate"
                        + " benchmark runs on; use one of " + Arrays.stream(values()).map(BenchProfile::id).toList()));
    }

    /** The profile's name, as {@code -Dtollgate.profile} takes it. */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The JSON file's name without extension under {@code target/bench/}, and the directory of the rounds' evidence. */
    String output() {
        return output;
    }

    PhaseBreakdown.Names phases() {
        return phases;
    }

    boolean compose() {
        return this == QUICKSTART;
    }

    /** Skips the benchmark, saying why, where this profile needs Docker and a compose CLI and one is missing. */
    void assumeDocker() {
        if (!compose()) {
            return;
        }
        Optional<String> docker = DockerEngine.unavailableReason();
        assumeTrue(docker.isEmpty(), () -> "release-gate benchmark on " + id() + " skipped: " + docker.orElseThrow());
        Optional<String> cli;
        try {
            ComposeCli.detect();
            cli = Optional.empty();
        } catch (TollgateException e) {
            cli = Optional.of(e.getMessage());
        }
        Optional<String> missing = cli;
        assumeTrue(missing.isEmpty(), () -> "release-gate benchmark on " + id() + " skipped: " + missing.orElseThrow());
    }
}
