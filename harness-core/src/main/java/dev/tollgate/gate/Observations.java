package dev.tollgate.gate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.tollgate.check.Status;
import dev.tollgate.report.RunRecord;

/**
 * Reads a run record into observations, each attributed to its area. A generic check counts for
 * the phase it follows (the last {@code install}, {@code upgrade}, {@code rollback} or
 * {@code restore} before it in its suite; {@code install} before any). After {@code rollback} or
 * {@code restore} every check counts for that phase: what runs then is the previous release on a
 * newer or restored database, and each check there answers whether that way back works.
 */
final class Observations {

    private Observations() {
    }

    static List<Observation> of(RunRecord run) {
        List<Observation> observations = new ArrayList<>();
        for (RunRecord.SuiteRecord suite : run.suites()) {
            Area phase = null;
            for (RunRecord.StepRecord step : suite.steps()) {
                if ("backup".equals(step.kind()) && step.status() == Status.PASSED) {
                    continue;  // a backup taken proves nothing about restoring it; a failed or skipped one does
                }
                Optional<Area> own = Area.ofStep(step.kind());
                if (own.isPresent()) {
                    observations.add(stepObservation(suite, step, own.get()));
                } else if ("check".equals(step.kind())) {
                    observations.addAll(checkObservations(suite, step, phase));
                } else {
                    observations.add(stepObservation(suite, step, phaseArea(phase)));
                }
                phase = Area.ofPhaseStep(step.kind()).orElse(phase);
            }
        }
        return observations;
    }

    private static List<Observation> checkObservations(RunRecord.SuiteRecord suite, RunRecord.StepRecord step,
            Area phase) {
        List<Observation> observations = new ArrayList<>();
        for (RunRecord.CheckRecord check : step.checks()) {
            observations.add(new Observation(areaOf(check.type(), phase), suite.name(), step.id(), step.name(),
                    step.position(), check.name(), check.type(), check.status(), check.message()));
        }
        if (observations.isEmpty() && step.status() != Status.PASSED) {
            // Skipped, or broken before any check reported: the record has no check types, but a
            // check step's name lists its checks, and an unnamed check is named by its type.
            for (Area area : namedAreas(step.name(), phase)) {
                observations.add(stepObservation(suite, step, area));
            }
        }
        return observations;
    }

    private static Set<Area> namedAreas(String stepName, Area phase) {
        Set<Area> areas = new LinkedHashSet<>();
        String names = stepName == null ? "" : stepName.replaceFirst("^check\\s*", "");
        for (String name : names.split(",")) {
            areas.add(areaOf(name.strip(), phase));
        }
        return areas;
    }

    private static Area areaOf(String checkType, Area phase) {
        if (phase == Area.CODE_ROLLBACK || phase == Area.RESTORE) {
            return phase;
        }
        return Area.ofCheckType(checkType).orElse(phaseArea(phase));
    }

    private static Area phaseArea(Area phase) {
        return phase == null ? Area.INSTALL : phase;
    }

    private static Observation stepObservation(RunRecord.SuiteRecord suite, RunRecord.StepRecord step, Area area) {
        return new Observation(area, suite.name(), step.id(), step.name(), step.position(), null, null,
                step.status(), step.message());
    }
}
