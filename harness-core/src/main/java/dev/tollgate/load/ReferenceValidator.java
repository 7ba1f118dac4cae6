package dev.tollgate.load;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.tollgate.api.Hints;
import dev.tollgate.load.SuiteParts.Head;
import dev.tollgate.load.SuiteParts.PlacedStep;
import dev.tollgate.load.SuiteParts.ReadCheck;
import dev.tollgate.load.SuiteParts.ReadStep;
import dev.tollgate.model.SourcePosition;
import dev.tollgate.model.Step;
import dev.tollgate.model.StepKind;
import dev.tollgate.model.Suggestions;
import dev.tollgate.model.Variables;

/**
 * What only the whole, inlined scenario can tell, walked in order: step ids are unique, every
 * variable is known by the time it is used, every snapshot and backup is taken before it is
 * named, and a read-only suite holds nothing that writes.
 */
final class ReferenceValidator {

    private final Set<String> knownVariables;
    private final Variables environment;
    private final Issues issues;

    private final Map<String, SourcePosition> ids = new HashMap<>();
    private final Set<String> captured = new LinkedHashSet<>();
    private final Set<String> snapshots = new LinkedHashSet<>();
    private final Set<String> backups = new LinkedHashSet<>();
    // A named check's definition is reported once, however often it is used.
    private final Set<Reference> reported = new HashSet<>();

    ReferenceValidator(Set<String> knownVariables, Variables environment, Issues issues) {
        this.knownVariables = knownVariables;
        this.environment = environment;
        this.issues = issues;
    }

    void validate(List<PlacedStep> scenario) {
        for (PlacedStep placed : scenario) {
            ReadStep read = placed.step();
            Step step = read.step();
            uniqueId(read);
            read.variables().forEach(this::variable);
            if (step.kind() == StepKind.RESTORE && step.target() != null) {
                named(new Reference(step.target(), read.targetPosition()), "backup", backups, "restore");
            }
            if (placed.readOnlyIn() != null && step.kind().destructive()) {
                issues.add(step.position(), "step '" + step.displayName() + "' changes the system under test, but "
                        + readOnly(placed.readOnlyIn()) + "; remove the step, or set destructive: true");
            }
            read.checks().forEach(check -> check(check, placed.readOnlyIn()));
            if (step.kind() == StepKind.SNAPSHOT && step.target() != null) {
                snapshots.add(step.target());
            } else if (step.kind() == StepKind.BACKUP && step.target() != null) {
                backups.add(step.target());
            }
        }
    }

    private void uniqueId(ReadStep read) {
        String id = read.step().id();
        if (id == null) {
            return;
        }
        SourcePosition first = ids.putIfAbsent(id, read.idPosition());
        if (first != null) {
            SourcePosition here = read.idPosition();
            String where = first.file().equals(here.file()) ? first.line() + ":" + first.column() : first.toString();
            issues.add(here, "duplicate step id '" + id + "'; it is already used at " + where
                    + ". Step ids must be unique in a suite");
        }
    }

    private void check(ReadCheck check, Head readOnlyIn) {
        check.variables().forEach(this::variable);
        check.snapshots().forEach(snapshot -> named(snapshot, "snapshot", snapshots, "check '" + check.spec().name() + "'"));
        String label = "check '" + check.spec().name() + "'"
                + (check.spec().name().equals(check.spec().type()) ? "" : " (" + check.spec().type() + ")");
        try {
            if (readOnlyIn != null && dev.tollgate.check.CheckType.writes(check.type(), check.spec().config())) {
                issues.add(check.spec().position(), label + " writes to the system under test with these settings, but "
                        + readOnly(readOnlyIn) + "; remove it, or set destructive: true");
            }
            captured.addAll(check.type().captures(check.spec().config()));
        } catch (RuntimeException e) {
            // A plug-in that cannot read its own settings must not stop the other problems from being listed.
            issues.add(check.spec().position(), label + ": the check type cannot read these settings: " + e);
        }
    }

    private void variable(Reference use) {
        String name = use.name();
        if (knownVariables.contains(name) || captured.contains(name) || environment.lookup(name).isPresent()
                || !reported.add(use)) {
            return;
        }
        Set<String> known = new TreeSet<>(knownVariables);
        known.addAll(captured);
        String near = Suggestions.nearest(name, known).map(n -> "; did you mean ${" + n + "}?").orElse(".");
        issues.add(use.position(), "undefined variable ${" + name + "}" + near + " Known here: " + Messages.list(known)
                + ". Set others with " + Hints.setting(name, "…") + ", use ${env.NAME} for an environment variable, or capture it"
                + " in an earlier check");
    }

    private void named(Reference use, String what, Set<String> taken, String user) {
        if (use.name().contains("${") || taken.contains(use.name()) || !reported.add(use)) {
            return;
        }
        String near = Suggestions.nearest(use.name(), taken).map(n -> "; did you mean '" + n + "'?").orElse("");
        String before = taken.isEmpty() ? "no " + what + " is taken before it"
                : what + "s taken before it: " + Messages.list(taken);
        issues.add(use.position(), user + ": no " + what + " named '" + use.name() + "' is taken before this step" + near
                + " (" + before + "). Add '- " + what + ": " + use.name() + "' before it");
    }

    private static String readOnly(Head suite) {
        return "suite '" + (suite.name() == null ? "(unnamed)" : suite.name()) + "' is read-only (destructive: false)";
    }
}
