package dev.tollgate.reports;

import dev.tollgate.gate.AreaResult;

/**
 * One area's row of the verdict table, as {@code release-readiness.md} and the Allure report's
 * overview widget both show it.
 *
 * @param symbol ✅, ❌, ⚠️ or —
 * @param result passed, failed, failed (advisory), waived, missing evidence or not run
 * @param why    the first reason (and how many more), or how many checks passed; one line, in full
 */
record AreaRow(AreaResult area, String symbol, String result, String why) {

    static AreaRow of(AreaResult area) {
        String symbol = switch (area.status()) {
            case PASSED -> "✅";
            case FAILED -> area.advisory() ? "⚠️" : "❌";
            case WAIVED, MISSING -> "⚠️";
            case NOT_RUN -> "—";
        };
        String result = switch (area.status()) {
            case PASSED -> "passed";
            case FAILED -> area.advisory() ? "failed (advisory)" : "failed";
            case WAIVED -> "waived";
            case MISSING -> "missing evidence";
            case NOT_RUN -> "not run";
        };
        int more = area.reasons().size() - 1;
        String why = area.reasons().isEmpty()
                ? area.passed() > 0 ? area.passed() + " passed" : ""
                : oneLine(area.firstReason()) + (more > 0 ? " (and " + more + " more)" : "");
        return new AreaRow(area, symbol, result, why);
    }

    /** {@code Data (required)}: the area's label, and whether the gate requires it. */
    String label() {
        return area.area().label() + (area.required() ? " (required)" : "");
    }

    static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
