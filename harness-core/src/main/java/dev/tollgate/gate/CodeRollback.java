package dev.tollgate.gate;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apiguardian.api.API;

import dev.tollgate.check.Status;
import dev.tollgate.model.Area;
import dev.tollgate.model.SafetyClassification;

/**
 * Whether going back to the previous release without a restore works, as the run showed it: the
 * probe (the previous release started on the migrated database, and the checks run on it there)
 * is the answer; the static classification of the schema change is the prediction, and a
 * disagreement between them is worth a maintainer's look either way.
 *
 * @param probe          what the probe found
 * @param classification what the {@code safety} check predicted
 * @param evidence       the first failing step or check of the probe, or what passed
 * @param disagreement   why probe and classification disagree, empty when they agree or one is missing
 * @param warnings       what the previous release logged about its migration or schema state on the migrated
 *                       database ({@link dev.tollgate.model.Facts#migrationWarnings()}), whole lines; empty when
 *                       nothing (since 0.2)
 */
@API(status = INTERNAL, since = "0.1")
public record CodeRollback(Probe probe, Classification classification, String evidence, Optional<String> disagreement,
        List<String> warnings) {

    /**
     * The probe's outcome. {@code WARNED} lies between safe and unsafe: the previous release passed its
     * checks on the migrated database, but said on starting that its migration or schema state is not
     * what it expects.
     */
    public enum Probe {
        SAFE, WARNED, UNSAFE, NOT_PROBED;

        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The safety check's classification of the schema change. */
    public enum Classification {
        BACKWARD_SAFE, NOT_BACKWARD_SAFE, NOT_CLASSIFIED;

        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public CodeRollback {
        disagreement = disagreement == null ? Optional.empty() : disagreement;
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** How the code rollback area states a warning: {@code previous release warned: LINE (and N more)}. */
    public Optional<String> warning() {
        return warnings.isEmpty() ? Optional.empty() : Optional.of(warned(warnings));
    }

    static String warned(List<String> lines) {
        return "previous release warned: " + lines.get(0) + (lines.size() > 1 ? " (and " + (lines.size() - 1) + " more)" : "");
    }

    /** The safe or unsafe way to say it in a verdict: {@code code rollback safe: …}. */
    public String statement() {
        return switch (probe) {
            case SAFE -> "code rollback safe: the previous release passed its checks on the migrated database";
            case WARNED -> "code rollback: the " + warning().orElseThrow()
                    + "; it passed its checks on the migrated database";
            case UNSAFE -> Gate.CODE_ROLLBACK_NOTE + " (" + evidence + ")";
            case NOT_PROBED -> classification == Classification.NOT_BACKWARD_SAFE
                    ? Gate.CODE_ROLLBACK_NOTE + " (not probed; the schema change is not backward-safe: " + evidence + ")"
                    : "code rollback not probed";
        };
    }

    /** Whether the verdict must say that going back needs a restore: the probe failed, or nothing probed an unsafe change. */
    public boolean asksForRestore() {
        return probe == Probe.UNSAFE || probe == Probe.NOT_PROBED && classification == Classification.NOT_BACKWARD_SAFE;
    }

    static CodeRollback of(List<Observation> observations) {
        List<Observation> probe = observations.stream().filter(o -> o.area() == Area.CODE_ROLLBACK).toList();
        Optional<Observation> failure = probe.stream()
                .filter(o -> o.status() == Status.FAILED || o.status() == Status.BROKEN).findFirst();
        // The safety check passes on a backward-unsafe change (it is evidence for code rollback, not a
        // verdict on the release) and establishes its classification as a fact: exactly what the note is for.
        Optional<SafetyClassification> safety = observations.stream().filter(o -> o.status() == Status.PASSED)
                .flatMap(o -> o.facts().safetyClassification().stream()).findFirst();
        Classification classification = safety.map(fact -> fact.backwardSafe()
                ? Classification.BACKWARD_SAFE : Classification.NOT_BACKWARD_SAFE).orElse(Classification.NOT_CLASSIFIED);
        List<String> warnings = probe.stream().flatMap(o -> o.facts().migrationWarnings().stream()).distinct().toList();
        Probe outcome = failure.isPresent() ? Probe.UNSAFE
                : probe.stream().noneMatch(o -> o.status() == Status.PASSED) ? Probe.NOT_PROBED
                : warnings.isEmpty() ? Probe.SAFE : Probe.WARNED;
        String evidence = switch (outcome) {
            case UNSAFE -> failure.get().describe();
            case SAFE, WARNED -> probe.stream().filter(o -> o.status() == Status.PASSED).count() + " step(s) and check(s) passed";
            case NOT_PROBED -> safety.map(SafetyClassification::describe).orElse("no rollback step ran");
        };
        Optional<String> disagreement = Optional.empty();
        if ((outcome == Probe.SAFE || outcome == Probe.WARNED) && classification == Classification.NOT_BACKWARD_SAFE) {
            disagreement = Optional.of("the schema change was classified not backward-safe, yet the previous release passed"
                    + " its checks on it: either its checks do not touch what changed, or the classification is too strict");
        } else if (outcome == Probe.UNSAFE && classification == Classification.BACKWARD_SAFE) {
            disagreement = Optional.of("the schema change was classified backward-safe, yet the previous release failed on it:"
                    + " the classification missed what broke it");
        }
        return new CodeRollback(outcome, classification, evidence, disagreement, warnings);
    }
}
