package dev.tollgate.gate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.tollgate.check.Status;
import dev.tollgate.model.Area;

/** Decides one area at a time from its observations, and remembers which waivers it used. */
final class AreaJudge {

    private final List<Waiver> active;
    private final Set<Waiver> used = new LinkedHashSet<>();

    AreaJudge(List<Waiver> active) {
        this.active = List.copyOf(active);
    }

    AreaResult judge(Area area, List<Observation> observations, boolean required, boolean advisory) {
        List<String> blocking = new ArrayList<>();
        List<String> waived = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int passed = 0;
        int failed = 0;
        for (Observation observation : observations) {
            if (observation.status() == Status.PASSED) {
                passed++;
            } else if (observation.status() == Status.SKIPPED) {
                skipped.add(observation.describe());
            } else if (observation.status() == Status.BROKEN && !advisory) {
                // The harness could not look (its environment failed): no evidence either way.
                skipped.add("could not be checked (" + observation.describe() + ")");
            } else {
                failed++;
                Optional<Waiver> waiver = waiverOf(observation);
                waiver.ifPresent(used::add);
                waiver.ifPresentOrElse(w -> waived.add("waived by " + w.owner() + " until " + w.expires() + " ("
                        + w.reason() + "): " + observation.describe()), () -> blocking.add(observation.describe()));
            }
        }
        List<String> reasons = new ArrayList<>(blocking);
        AreaStatus status;
        if (!blocking.isEmpty()) {
            status = AreaStatus.FAILED;
        } else if (!skipped.isEmpty() && !advisory) {
            // A skipped step is a phase nobody saw: the area cannot pass on what ran before it.
            status = AreaStatus.MISSING;
        } else if (passed == 0 && failed == 0) {
            status = required ? AreaStatus.MISSING : AreaStatus.NOT_RUN;
            if (required) {
                reasons.add("required, but no step or check of the run speaks for " + area.label());
            }
        } else {
            status = waived.isEmpty() ? AreaStatus.PASSED : AreaStatus.WAIVED;
        }
        reasons.addAll(skipped);
        reasons.addAll(waived);
        return new AreaResult(area, status, required, advisory, reasons, passed, failed, skipped.size());
    }

    /**
     * The waiver that covers the whole finding: one that is not per table, or per-table waivers that
     * together name every table the finding is about (the first of them stands for all, all count as used).
     */
    private Optional<Waiver> waiverOf(Observation observation) {
        List<Waiver> matching = active.stream().filter(candidate -> candidate.matches(observation)).toList();
        Optional<Waiver> whole = matching.stream().filter(waiver -> !waiver.perTable()).findFirst();
        if (whole.isPresent() || matching.isEmpty()) {
            return whole;
        }
        Set<String> covered = new LinkedHashSet<>();
        matching.forEach(waiver -> covered.add(waiver.table()));
        if (!covered.containsAll(observation.facts().findingTables())) {
            return Optional.empty();
        }
        used.addAll(matching);
        return Optional.of(matching.get(0));
    }

    List<Waiver> used() {
        return List.copyOf(used);
    }
}
