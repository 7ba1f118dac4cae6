package dev.tollgate.check.authz;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.tollgate.check.CheckResult;
import dev.tollgate.check.Evidence;
import dev.tollgate.check.Secrets;
import dev.tollgate.check.Status;
import dev.tollgate.model.AuthzCase.Decision;
import dev.tollgate.model.AuthzCase;
import dev.tollgate.model.Facts;

/**
 * Turns a matrix run into one check result: a message that leads with what is wrong (subject,
 * request, expected decision, what came back), a table of every probe, the exchanges of the
 * probes that did not pass, and the coverage of the route list. Everything is masked. Every case's
 * outcome is also a typed fact ({@link AuthzCase}): the message is for people.
 */
final class MatrixReport {

    private static final int MESSAGE_LIMIT = 5;
    private static final int EVIDENCE_LIMIT = 25;

    private MatrixReport() {
    }

    static CheckResult result(String check, Matrix matrix, List<Outcome> outcomes, Coverage coverage, int subjects,
            boolean requireFull, Duration elapsed, Secrets secrets) {
        List<Outcome> failed = outcomes.stream().filter(outcome -> outcome.status() == Status.FAILED).toList();
        List<Outcome> broken = outcomes.stream().filter(outcome -> outcome.status() == Status.BROKEN).toList();
        boolean coverageFails = requireFull && coverage.known() && (coverage.gaps() > 0);
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.text("authz matrix " + matrix.file().getFileName() + ": " + outcomes.size() + " cases",
                secrets.mask(table(outcomes))));
        List<Outcome> shown = new ArrayList<>(failed);
        shown.addAll(broken);
        shown.stream().limit(EVIDENCE_LIMIT).forEach(outcome -> outcome.evidence().forEach(piece -> evidence.add(
                new Evidence(outcome.status() + " " + outcome.probe().subject() + ": " + piece.name(), piece.mediaType(),
                        secrets.mask(piece.content())))));
        evidence.add(Evidence.text("authz coverage", secrets.mask(coverage.report(subjects))));

        String stats = stats(outcomes, elapsed);
        String coverageText = coverage.summary(subjects);
        Status status;
        String message;
        if (!failed.isEmpty()) {
            status = Status.FAILED;
            message = failed.size() + " of " + outcomes.size() + " authorization cases wrong: " + list(failed)
                    + (broken.isEmpty() ? "" : "; " + broken.size() + " could not be carried out")
                    + " | " + stats + "; " + coverageText;
        } else if (!broken.isEmpty()) {
            status = Status.BROKEN;
            message = broken.size() + " of " + outcomes.size() + " authorization cases could not be carried out: "
                    + list(broken) + " | " + stats;
        } else if (coverageFails) {
            status = Status.FAILED;
            message = "all " + outcomes.size() + " cases as expected, but full coverage is required and "
                    + coverageText.replaceFirst("^coverage: ", "");
        } else {
            status = Status.PASSED;
            message = stats + "; " + proofs(outcomes) + "; " + coverageText;
        }
        return new CheckResult(check, status, secrets.mask(message), evidence, Facts.ofAuthz(cases(outcomes)));
    }

    /** Every case as a typed fact: what the gate and the reports count and list, whatever the message says. */
    static List<AuthzCase> cases(List<Outcome> outcomes) {
        return outcomes.stream().map(outcome -> new AuthzCase(outcome.probe().subject(),
                outcome.probe().source().request().toString(), outcome.probe().source().position(),
                outcome.probe().expected(),
                outcome.answered(), switch (outcome.status()) {
                    case PASSED -> AuthzCase.Outcome.AS_EXPECTED;
                    case FAILED -> AuthzCase.Outcome.WRONG;
                    case BROKEN, SKIPPED -> AuthzCase.Outcome.NOT_CARRIED_OUT;
                })).toList();
    }

    private static String list(List<Outcome> outcomes) {
        List<String> items = outcomes.stream().limit(MESSAGE_LIMIT).map(Outcome::describe).toList();
        return String.join(" || ", items) + (outcomes.size() > MESSAGE_LIMIT ? " || … and "
                + (outcomes.size() - MESSAGE_LIMIT) + " more (see the evidence)" : "");
    }

    private static String stats(List<Outcome> outcomes, Duration elapsed) {
        long allow = outcomes.stream().filter(outcome -> outcome.probe().expected() == Decision.ALLOW).count();
        long requests = outcomes.stream().map(outcome -> outcome.probe().source()).distinct().count();
        long passed = outcomes.stream().filter(outcome -> outcome.status() == Status.PASSED).count();
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        return String.format(Locale.ROOT, "%d of %d cases as expected (%d requests; %d allow, %d deny) in %.1f s, %.0f cases/s",
                passed, outcomes.size(), requests, allow, outcomes.size() - allow, seconds, outcomes.size() / seconds);
    }

    private static String proofs(List<Outcome> outcomes) {
        long reread = outcomes.stream().filter(Outcome::reread).count();
        long audited = outcomes.stream().filter(Outcome::audited).count();
        long explained = outcomes.stream().filter(Outcome::explained).count();
        return "denied changes left their resource unchanged (" + reread + " read back), " + audited
                + " denial(s) found in the audit log, " + explained + " explain answer(s) agreed";
    }

    private static String table(List<Outcome> outcomes) {
        int subject = Math.max(7, outcomes.stream().mapToInt(outcome -> outcome.probe().subject().length()).max().orElse(0));
        int request = Math.max(7, outcomes.stream().mapToInt(outcome -> outcome.probe().source().request().toString().length())
                .max().orElse(0));
        String format = "%-7s  %-" + subject + "s  %-" + request + "s  %-6s  %-4s  %s%n";
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, format, "result", "subject", "request", "expect", "got",
                "proofs / findings"));
        for (Outcome outcome : outcomes) {
            List<String> notes = new ArrayList<>();
            if (outcome.reread()) {
                notes.add("unchanged");
            }
            if (outcome.audited()) {
                notes.add("audited");
            }
            if (outcome.explained()) {
                notes.add("explained");
            }
            notes.addAll(outcome.findings());
            text.append(String.format(Locale.ROOT, format, outcome.status().name().toLowerCase(Locale.ROOT),
                    outcome.probe().subject(), outcome.probe().source().request(), outcome.probe().expected().name().toLowerCase(Locale.ROOT),
                    outcome.answered() == 0 ? "-" : Integer.toString(outcome.answered()), String.join("; ", notes)));
        }
        return text.toString();
    }
}
