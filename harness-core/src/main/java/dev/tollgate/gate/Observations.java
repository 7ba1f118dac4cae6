package dev.tollgate.gate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.tollgate.check.Status;
import dev.tollgate.model.Area;
import dev.tollgate.model.Facts;
import dev.tollgate.model.StepKind;
import dev.tollgate.report.RunRecord;

/**
 * Reads a run record into observations, each attributed to its area. A check counts for the area
 * its type declares; a generic check counts for the phase it follows (the last {@code install},
 * {@code upgrade}, {@code rollback} or {@code restore} before it in its suite; {@code install} before
 * any). After {@code rollback} or {@code restore} every check counts for that phase: what runs then
 * is the previous release on a newer or restored database, and each check there answers whether
 * that way back works. Only kinds, statuses, areas and facts decide; messages are quoted, never read.
 */
final class Observations {

    private Observations() {
    }

    static List<Observation> of(RunRecord run) {
        List<Observation> observations = new ArrayList<>();
        for (RunRecord.SuiteRecord suite : run.suites()) {
            Area phase = null;
            for (RunRecord.StepRecord step : suite.steps()) {
                if (step.kind() == StepKind.BACKUP && step.status() == Status.PASSED) {
                    continue;  // a backup taken proves nothing about restoring it; a failed or skipped one does
                }
                Optional<Area> own = ofStep(step.kind());
                if (own.isPresent()) {
                    observations.add(stepObservation(suite, step, own.get()));
                    // What a lifecycle step checked by itself (a rollback's scan of the log) counts for its own area.
                    step.checks().forEach(check -> observations.add(checkObservation(suite, step, check, own.get())));
                } else if (step.kind() == StepKind.CHECK) {
                    observations.addAll(checkObservations(suite, step, phase));
                } else {
                    observations.add(stepObservation(suite, step, phaseArea(phase)));
                }
                phase = ofPhaseStep(step.kind()).orElse(phase);
            }
        }
        return observations;
    }

    /**
     * The area of a lifecycle step that starts a phase: what runs afterwards is that phase's release
     * on that phase's database. Empty for steps that do not ({@code backup}, {@code seed}, {@code restart}, …).
     */
    static Optional<Area> ofPhaseStep(StepKind kind) {
        return Optional.ofNullable(kind == null ? null : switch (kind) {
            case INSTALL -> Area.INSTALL;
            case UPGRADE -> Area.UPGRADE;
            case ROLLBACK -> Area.CODE_ROLLBACK;
            case RESTORE -> Area.RESTORE;
            default -> null;
        });
    }

    /** The area of a lifecycle step's own outcome: a phase step's area, and {@code backup} for restore. */
    static Optional<Area> ofStep(StepKind kind) {
        return kind == StepKind.BACKUP ? Optional.of(Area.RESTORE) : ofPhaseStep(kind);
    }

    private static List<Observation> checkObservations(RunRecord.SuiteRecord suite, RunRecord.StepRecord step,
            Area phase) {
        List<Observation> observations = new ArrayList<>();
        for (RunRecord.CheckRecord check : step.checks()) {
            observations.add(checkObservation(suite, step, check, areaOf(check.area(), phase)));
        }
        if (observations.isEmpty() && step.status() != Status.PASSED) {
            // Skipped, or broken before any check reported: the checks it declares say what it would have looked at.
            Set<Area> areas = new LinkedHashSet<>();
            step.declared().forEach(declared -> areas.add(areaOf(declared.area(), phase)));
            if (areas.isEmpty()) {
                areas.add(phaseArea(phase));
            }
            areas.forEach(area -> observations.add(stepObservation(suite, step, area)));
        }
        return observations;
    }

    private static Observation checkObservation(RunRecord.SuiteRecord suite, RunRecord.StepRecord step,
            RunRecord.CheckRecord check, Area area) {
        return new Observation(area, suite.name(), step, check.name(), check.type(), check.status(), check.message(),
                check.facts());
    }

    private static Area areaOf(Area declared, Area phase) {
        if (phase == Area.CODE_ROLLBACK || phase == Area.RESTORE) {
            return phase;
        }
        return declared == null ? phaseArea(phase) : declared;
    }

    private static Area phaseArea(Area phase) {
        return phase == null ? Area.INSTALL : phase;
    }

    private static Observation stepObservation(RunRecord.SuiteRecord suite, RunRecord.StepRecord step, Area area) {
        return new Observation(area, suite.name(), step, null, null, step.status(), step.message(), Facts.NONE);
    }
}
