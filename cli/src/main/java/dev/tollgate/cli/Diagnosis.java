package dev.tollgate.cli;

import java.io.PrintStream;

/**
 * One line of {@code tollgate doctor}: what was looked at, what was found, and when it is wrong,
 * what to do.
 *
 * @param level  OK, WARN (wrong, but the chosen profile does not need it) or FAIL (it does)
 * @param what   what was looked at ({@code java}, {@code docker engine}, …)
 * @param found  what was found: a version, an address, or the error
 * @param fix    what to do about it; empty for OK
 */
record Diagnosis(Level level, String what, String found, String fix) {

    enum Level { OK, WARN, FAIL }

    static Diagnosis ok(String what, String found) {
        return new Diagnosis(Level.OK, what, found, "");
    }

    /** A problem: FAIL when the profile needs the thing, else WARN. */
    static Diagnosis problem(boolean needed, String what, String found, String fix) {
        return new Diagnosis(needed ? Level.FAIL : Level.WARN, what, found, fix);
    }

    void print(PrintStream out) {
        out.printf("%-4s  %-22s %s%n", level, what, found);
        if (!fix.isEmpty()) {
            out.printf("      %-22s fix: %s%n", "", fix);
        }
    }
}
