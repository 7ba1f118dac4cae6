package dev.tollgate.check.authz;

import java.util.List;

import dev.tollgate.check.Evidence;
import dev.tollgate.check.Status;

/**
 * What one probe found.
 *
 * @param answered  the status the request got, or 0 when it got none
 * @param findings  what was wrong, each naming the subject, the request, the expected decision and
 *                  what came back; empty when it passed
 * @param evidence  the exchanges of a probe that did not pass (masked)
 * @param reread    whether a denied request's resource was read back and found unchanged
 * @param audited   whether a denial was found in the audit log
 * @param explained whether the explain endpoint agreed
 */
record Outcome(Probe probe, Status status, int answered, List<String> findings, List<Evidence> evidence,
        boolean reread, boolean audited, boolean explained) {

    Outcome {
        findings = List.copyOf(findings);
        evidence = List.copyOf(evidence);
    }

    /** "viewer DELETE /api/v1/missions/${mission} at sample.matrix.yaml:31:5: expected deny …; …". */
    String describe() {
        return probe.describe() + " (" + probe.source().position().file().getFileName() + ":"
                + probe.source().position().line() + "): " + String.join("; ", findings);
    }
}
