package dev.tollgate.reports;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.tollgate.model.AuthzCase;
import dev.tollgate.report.RunRecord;

/**
 * The authorization cases the service decided otherwise than the matrix expects, across every suite, in
 * run order: who asked, what, what the matrix expected, what the service answered and where the matrix
 * declares the case. Read from the {@code authz} checks' typed facts ({@code Facts.authzCases}), never
 * from a message.
 *
 * @param cases the cases that went wrong, each with the suite it is from
 */
record WrongAuthzCases(List<Listed> cases) {

    record Listed(String suite, AuthzCase wrong) {
    }

    static WrongAuthzCases of(Readiness readiness) {
        List<RunRecord.SuiteRecord> suites = readiness.run().map(RunRecord::suites).orElse(List.of());
        return new WrongAuthzCases(suites.stream().flatMap(suite -> suite.steps().stream()
                        .flatMap(step -> step.checks().stream())
                        .flatMap(check -> check.facts().authzCases().stream())
                        .filter(authz -> authz.outcome() == AuthzCase.Outcome.WRONG)
                        .map(authz -> new Listed(suite.name(), authz)))
                .toList());
    }

    /** The Markdown section: one line per wrong case, or nothing when none went wrong. */
    String markdown() {
        if (cases.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("**Authorization cases decided wrongly** (as the matrix declares them):\n\n");
        cases.forEach(listed -> md.append("- ").append(line(listed.wrong())).append(" — `").append(listed.suite())
                .append("`\n"));
        return md.append('\n').toString();
    }

    /** As {@code release-readiness.json} lists them. */
    void writeTo(ObjectNode root) {
        ArrayNode wrong = root.putArray("wrongAuthzCases");
        cases.forEach(listed -> {
            AuthzCase authz = listed.wrong();
            ObjectNode node = wrong.addObject().put("suite", listed.suite()).put("subject", authz.subject())
                    .put("request", authz.request()).put("expected", decision(authz.expected()))
                    .put("answered", authz.answered());
            if (authz.position() != null) {
                node.put("position", authz.position().toString());
            }
        });
    }

    private static String line(AuthzCase authz) {
        return "`" + authz.subject() + "` " + AreaRow.oneLine(authz.request()) + ": expected " + decision(authz.expected())
                + ", answered " + (authz.answered() == 0 ? "nothing" : String.valueOf(authz.answered()))
                + (authz.position() == null ? "" : " (" + authz.position() + ")");
    }

    private static String decision(AuthzCase.Decision decision) {
        return decision.name().toLowerCase(Locale.ROOT);
    }
}
