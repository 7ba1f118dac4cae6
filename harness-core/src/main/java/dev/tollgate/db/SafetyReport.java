package dev.tollgate.db;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;

import org.apiguardian.api.API;

/**
 * A schema diff classified for backward safety: evidence for the {@code safety} check, not a verdict.
 * Whether the previous release really runs on the new schema is what a code-rollback rehearsal proves.
 *
 * @param backwardSafe true when every finding is backward-safe (and so when nothing changed)
 * @param findings     one per schema change, in the diff's order
 */
@API(status = INTERNAL, since = "0.1")
public record SafetyReport(boolean backwardSafe, List<SafetyFinding> findings) {

    public SafetyReport {
        findings = List.copyOf(findings);
    }

    static SafetyReport of(List<SafetyFinding> findings) {
        return new SafetyReport(findings.stream().allMatch(SafetyFinding::backwardSafe), findings);
    }

    /** The findings that are not backward-safe. */
    public List<SafetyFinding> unsafe() {
        return findings.stream().filter(finding -> !finding.backwardSafe()).toList();
    }

    public String toText() {
        StringBuilder text = new StringBuilder();
        if (findings.isEmpty()) {
            return "backward-safe: the schema did not change\n";
        }
        long unsafe = unsafe().size();
        text.append(backwardSafe ? "backward-safe: " + findings.size() + " change(s), none breaks the previous release"
                : "NOT backward-safe: " + unsafe + " of " + findings.size() + " change(s) can break the previous release")
                .append('\n');
        findings.forEach(finding -> text.append("  ").append(finding.toText()).append('\n'));
        return text.toString();
    }
}
