package dev.tollgate.load;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.nodes.Node;

import dev.tollgate.check.CheckType;
import dev.tollgate.model.CheckSpec;
import dev.tollgate.model.SourcePosition;
import dev.tollgate.model.Step;
import dev.tollgate.model.StepKind;

/**
 * What the loader knows about a suite file between reading it and handing out a {@code Suite}:
 * the model plus where each name and variable was written, which the model does not keep.
 */
final class SuiteParts {

    private SuiteParts() {
    }

    /** The top-level keys of one file and its scenario, not yet resolved against its includes. */
    record Head(String name, SourcePosition position, String description, Set<String> tags, boolean destructive,
            Map<String, NamedCheck> checks, List<Draft> drafts) {
    }

    /** A scenario item as read: a step, or an include still to be opened. */
    sealed interface Draft permits StepDraft, IncludeDraft {
    }

    /** A step whose checks, if any, are still YAML: named checks are only known once includes are read. */
    record StepDraft(StepKind kind, String id, SourcePosition idPosition, String target, SourcePosition targetPosition,
            Map<String, String> options, List<Reference> variables, Node checks, String checksPointer,
            Duration timeout, Duration retry, SourcePosition position) implements Draft {
    }

    record IncludeDraft(String path, SourcePosition position) implements Draft {
    }

    /**
     * A check defined under {@code checks:}; its variables and snapshots point into the definition.
     * {@code type} is {@code null} when the definition itself has problems, already reported.
     */
    record NamedCheck(String name, CheckType type, Map<String, Object> config, List<Reference> variables,
            List<Reference> snapshots) {
    }

    /** A check as a step uses it, with what the reference checks need to know about it. */
    record ReadCheck(CheckSpec spec, CheckType type, List<Reference> variables, List<Reference> snapshots) {
    }

    /** A scenario item once read: a step, or the file an include inlines. */
    sealed interface Part permits ReadStep, LoadedFile {
    }

    record ReadStep(Step step, SourcePosition idPosition, SourcePosition targetPosition, List<Reference> variables,
            List<ReadCheck> checks) implements Part {
    }

    /** A file with its includes opened; {@code scope} is every named check its steps may use. */
    record LoadedFile(Head head, List<Part> parts, Map<String, NamedCheck> scope) implements Part {
    }

    /** A step at its place in the inlined scenario; {@code readOnlyIn} is the read-only suite it runs under, if any. */
    record PlacedStep(ReadStep step, Head readOnlyIn) {
    }
}
