package dev.tollgate.distribution.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tollgate.system.SystemWait;
import dev.tollgate.report.RunRecord;

/**
 * Where the time of one release-gate rehearsal went, phase by phase, each phase on one side: the
 * system under test (its database server, service starts with their migrations, backups and
 * restores) or Tollgate itself (engine start, snapshots, clean-up, the engine's own bookkeeping,
 * the verdict and reports). Check and seed steps are split as {@code run.json} measured them
 * ({@link RunRecord.StepRecord#waitedOnSystemMillis()}): the time inside HTTP exchanges the service
 * answered, SQL statements its database ran and the convergence check's clean install of the
 * candidate is the system's; the rest of the step (building requests, comparing answers, evidence,
 * snapshots and fingerprints a check takes) is Tollgate's. Likewise a suite's clean-up: its service's
 * shutdown (from the stop signal to its exit) is the system's, the rest (reading the history it
 * left, stopping the database server, removing files) Tollgate's. Suites may overlap in time, so phases
 * are summed work, not slices of the wall time; the share is Tollgate's work over all work.
 */
record PhaseBreakdown(Map<String, Double> tollgate, Map<String, Double> systemUnderTest) {

    private static final Set<String> KNOWN_WAITS = Set.of(SystemWait.HTTP, SystemWait.SQL, SystemWait.CLEAN_INSTALL);
    private static final Set<String> DEPLOYS = Set.of("install", "upgrade", "rollback", "restart", "stop", "restore");

    /**
     * What the phases that differ between runtimes are called. Both runtimes mark their service's
     * shutdown at clean-up as a wait on the system; the compose runtime then removes the run's
     * containers, volume and network through the Docker API, by the run's label.
     */
    record Names(String servers, String deploys, String backups, String cleanUp, String serviceStops) {

        static final Names LOCAL = new Names("database servers: started, or an earlier suite's made as new",
                "service starts with migrations: install, upgrade, rollback, restore",
                "backups (template copies; the release starts again when a step needs it)",
                "clean-up: history read, server kept or stopped, files removed",
                "clean-up: the service shutting down (stop signal to exit)");
        static final Names COMPOSE = new Names(
                "compose projects up, one per suite: database container healthy",
                "app containers up with migrations: install, upgrade, rollback, restore",
                "backups (pg_dump -Fc in the database container, service serving)",
                "clean-up: history read, containers, volume and network removed by label",
                "clean-up: the service shutting down (stop signal to exit)");
    }

    /**
     * @param launched when {@code tollgate run} was started
     * @param ended    when it ended, verdict and reports written
     * @param names    what the runtime's phases are called
     */
    static PhaseBreakdown of(RunRecord run, Instant launched, Instant ended, Names names) {
        Map<String, Double> tollgate = new LinkedHashMap<>();
        Map<String, Double> sut = new LinkedHashMap<>();
        long checks = 0;
        Map<String, Long> waited = new LinkedHashMap<>();
        long snapshots = 0;
        long cleanUp = 0;
        long serviceStops = 0;
        long bookkeeping = 0;
        long servers = 0;
        long deploys = 0;
        long cleanInstalls = 0;
        long backups = 0;
        List<Instant[]> intervals = new ArrayList<>();
        for (RunRecord.SuiteRecord suite : run.suites()) {
            RunRecord.SuiteTiming timing = suite.timing();
            long steps = 0;
            long suiteCleanInstall = 0;
            for (RunRecord.StepRecord step : suite.steps()) {
                steps += step.durationMillis();
                switch (step.kind().key()) {
                    case "check", "seed" -> {
                        long onSystem = Math.min(step.durationMillis(), step.totalWaitedOnSystem());
                        checks += step.durationMillis() - onSystem;
                        step.waitedOnSystemMillis().forEach((what, millis) -> waited.merge(what, millis, Long::sum));
                        suiteCleanInstall += step.waitedOnSystemMillis().getOrDefault(SystemWait.CLEAN_INSTALL, 0L);
                    }
                    case "snapshot" -> snapshots += step.durationMillis();
                    case "backup" -> backups += step.durationMillis();
                    default -> deploys += DEPLOYS.contains(step.kind().key()) ? step.durationMillis() : 0;
                }
            }
            // A clean install started with the suite is the system's work from start to end; a check that
            // waited for it waited within that time, so the longer of the two counts, once.
            cleanInstalls += Math.max(timing.aheadWaitedOnSystemMillis(), suiteCleanInstall);
            servers += timing.environmentMillis();
            deploys += timing.setupMillis();
            cleanUp += timing.teardownMillis() - Math.min(timing.teardownMillis(), timing.teardownWaitedOnSystemMillis());
            serviceStops += Math.min(timing.teardownMillis(), timing.teardownWaitedOnSystemMillis());
            if (timing.startedAt() != null && timing.finishedAt() != null) {
                long span = Duration.between(timing.startedAt(), timing.finishedAt()).toMillis();
                bookkeeping += Math.max(0, span - timing.environmentMillis() - timing.setupMillis() - steps - timing.teardownMillis());
                intervals.add(new Instant[] {timing.startedAt(), timing.finishedAt()});
            }
        }
        bookkeeping += Math.max(0, Duration.between(run.startedAt(), run.finishedAt()).toMillis() - covered(intervals));
        tollgate.put("engine start: JVM, discovery, suites and profile loaded", seconds(Duration.between(launched, run.startedAt()).toMillis()));
        tollgate.put("checks and seeds: Tollgate's own work (requests built, answers compared, evidence, the checks' snapshots)", seconds(checks));
        tollgate.put("snapshots: history, schema, fingerprints", seconds(snapshots));
        tollgate.put("engine between steps and suites", seconds(bookkeeping));
        tollgate.put(names.cleanUp(), seconds(cleanUp));
        tollgate.put("run record, verdict and reports (readiness json/md, Allure), JVM exit",
                seconds(Duration.between(run.finishedAt(), ended).toMillis()));
        sut.put(names.servers(), seconds(servers));
        sut.put(names.deploys(), seconds(deploys));
        sut.put(names.backups(), seconds(backups));
        sut.put(names.serviceStops(), seconds(serviceStops));
        sut.put("checks and seeds: waiting on the service's HTTP answers", seconds(waited.getOrDefault(SystemWait.HTTP, 0L)));
        sut.put("checks: waiting on SQL statements in the service's database", seconds(waited.getOrDefault(SystemWait.SQL, 0L)));
        sut.put("the candidate's clean install for reference (convergence)",
                seconds(cleanInstalls));
        waited.keySet().stream().filter(what -> !KNOWN_WAITS.contains(what))
                .forEach(what -> sut.put("checks: waiting on " + what, seconds(waited.get(what))));
        return new PhaseBreakdown(tollgate, sut);
    }

    double tollgateSeconds() {
        return tollgate.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    double systemUnderTestSeconds() {
        return systemUnderTest.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Tollgate's own work over all work. */
    double tollgateShare() {
        return tollgateSeconds() / (tollgateSeconds() + systemUnderTestSeconds());
    }

    /** Milliseconds covered by at least one of the intervals. */
    private static long covered(List<Instant[]> intervals) {
        List<Instant[]> sorted = new ArrayList<>(intervals);
        sorted.sort(Comparator.comparing(interval -> interval[0]));
        long total = 0;
        Instant start = null;
        Instant end = null;
        for (Instant[] interval : sorted) {
            if (end == null || interval[0].isAfter(end)) {
                if (end != null) {
                    total += Duration.between(start, end).toMillis();
                }
                start = interval[0];
                end = interval[1];
            } else if (interval[1].isAfter(end)) {
                end = interval[1];
            }
        }
        return end == null ? total : total + Duration.between(start, end).toMillis();
    }

    private static double seconds(long millis) {
        return millis / 1000.0;
    }
}
