package dev.tollgate.gate;

import dev.tollgate.api.Text;
import dev.tollgate.check.Status;
import dev.tollgate.model.Area;
import dev.tollgate.model.Facts;
import dev.tollgate.model.SourcePosition;
import dev.tollgate.report.RunRecord;

/**
 * One piece of evidence the gate weighs: a lifecycle step's outcome, or one check's. Waivers match
 * against it and reasons quote it.
 *
 * @param step      the step it is of, as the run recorded it (its id, whether the suite declared it, its name
 *                  and where the suite declares it)
 * @param check     the check's name, or {@code null} for a step's own outcome
 * @param checkType the check's type, or {@code null}
 * @param message   what a person reads; quoted in reasons, never read for meaning
 * @param facts     what the check established, {@link Facts#NONE} for a step's own outcome
 */
record Observation(Area area, String suite, RunRecord.StepRecord step, String check, String checkType, Status status,
        String message, Facts facts) {

    /** A failure or a breakage: what blocks, unless waived or advisory. */
    boolean finding() {
        return status == Status.FAILED || status == Status.BROKEN;
    }

    /** A check that actually ran, whatever it found. */
    boolean checkRan() {
        return check != null && status != Status.SKIPPED;
    }

    /**
     * One line that says where and what: {@code suite › step at file:line:col: check: message}, the step
     * named by the {@code id:} the suite gave it, else by what it does.
     */
    String describe() {
        String where = suite + " › " + stepLabel() + " at " + shortPosition();
        String what = check == null ? quote(message) : check + ": " + quote(message);
        String prefix = status == Status.SKIPPED ? "skipped: " : status == Status.BROKEN ? "broken: " : "";
        return prefix + where + (what.isBlank() ? "" : ": " + what);
    }

    // A step without an id: has one the engine made of its line (line-12), which says less than its name.
    private String stepLabel() {
        return step.idDeclared() && step.id() != null && !step.id().isBlank() ? step.id() : step.name();
    }

    // The record keeps the full path; a reason a person reads needs only the file, line and column.
    private String shortPosition() {
        SourcePosition position = step.position();
        return position == null ? "?" : position.file().getFileName() + ":" + position.line() + ":" + position.column();
    }

    // The first line, cut to what a one-line reason can hold.
    private static String quote(String text) {
        String line = Text.firstLine(text == null ? null : text.strip()).strip();
        return line.length() <= 240 ? line : line.substring(0, 239) + "…";
    }
}
