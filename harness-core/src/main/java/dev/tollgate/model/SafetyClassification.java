package dev.tollgate.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.apiguardian.api.API;

/**
 * A schema change classified for backward safety: whether the previous release should keep working
 * on the new schema, and the changes that say so. The gate's code-rollback prediction rests on it.
 *
 * @param since        the snapshot the schema was compared with
 * @param backwardSafe true when no change can break the previous release (and so when nothing changed)
 * @param findings     one per schema change, in the diff's order
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record SafetyClassification(String since, boolean backwardSafe, List<Finding> findings) {

    /** Unsafe findings named in {@link #describe()}; the check's evidence lists them all. */
    private static final int NAMED = 5;

    public SafetyClassification {
        Objects.requireNonNull(since, "since must not be null");
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    /**
     * One schema change.
     *
     * @param object       what changed ({@code missions.name})
     * @param description  how ({@code column dropped})
     * @param backwardSafe whether the previous release keeps working with it
     */
    public record Finding(String object, String description, boolean backwardSafe) {
    }

    /** The changes that can break the previous release. */
    public List<Finding> unsafe() {
        return findings.stream().filter(finding -> !finding.backwardSafe()).toList();
    }

    /**
     * {@code backward-safe: 4 change(s) since snapshot before-upgrade, none breaks the previous release (…)}
     * or {@code NOT backward-safe: 1 finding(s) since snapshot before-upgrade: missions.name: column dropped}.
     */
    public String describe() {
        if (findings.isEmpty()) {
            return "backward-safe: the schema did not change since snapshot " + since;
        }
        if (backwardSafe) {
            return "backward-safe: " + findings.size() + " change(s) since snapshot " + since
                    + ", none breaks the previous release ("
                    + findings.stream().map(Finding::object).collect(Collectors.joining(", ")) + ")";
        }
        List<Finding> unsafe = unsafe();
        String named = unsafe.stream().limit(NAMED).map(finding -> finding.object() + ": " + finding.description())
                .collect(Collectors.joining("; "));
        return "NOT backward-safe: " + unsafe.size() + " finding(s) since snapshot " + since + ": " + named
                + (unsafe.size() > NAMED ? "; and " + (unsafe.size() - NAMED) + " more" : "");
    }
}
