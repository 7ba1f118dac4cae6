package dev.tollgate.gate;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apiguardian.api.API;

import dev.tollgate.model.Area;

/**
 * A known finding someone has accepted, for a while. It matches a failed or broken step or check by
 * every selector it sets: {@code area}, {@code check} (a check's name or type), {@code suite} and
 * {@code step} (a step's id or name, within {@code suite}), and {@code table}: one table's findings of
 * a check that names the tables it found something in (the {@code data} check), so another table's
 * loss still blocks; a finding in several tables is waived when waivers cover each. It waives up to and including
 * {@code expires}; after that the finding blocks again, so a waiver cannot be forgotten.
 *
 * <pre>{@code
 * waivers:
 *   - check: version
 *     suite: upgrade-from-previous
 *     owner: alice@example.com
 *     reason: TOLL-42, the version endpoint reports the build id until 1.1.1
 *     expires: 2026-12-31
 * }</pre>
 */
@API(status = INTERNAL, since = "0.1")
public record Waiver(Area area, String check, String suite, String step, String table, String owner, String reason,
        LocalDate expires) {

    /** A waiver of whole findings, whatever tables they are about. */
    public Waiver(Area area, String check, String suite, String step, String owner, String reason, LocalDate expires) {
        this(area, check, suite, step, null, owner, reason, expires);
    }

    public Waiver {
        if (area == null && blank(check) && blank(suite)) {
            throw new IllegalArgumentException("a waiver must say what it waives: an area, a check, or a suite (and step)");
        }
        if (!blank(step) && blank(suite)) {
            throw new IllegalArgumentException("a waiver for step '" + step + "' must also name its suite");
        }
        if (blank(owner) || blank(reason) || expires == null) {
            throw new IllegalArgumentException("a waiver needs an owner, a reason and an expiry date (expires: YYYY-MM-DD)");
        }
    }

    /** Whether it still waives on {@code today}: up to and including its expiry date. */
    public boolean activeOn(LocalDate today) {
        return !Objects.requireNonNull(today, "today must not be null").isAfter(expires);
    }

    /** What it matches, as a person reads it: {@code check version in suite upgrade-from-previous}. */
    public String scope() {
        List<String> parts = new ArrayList<>();
        if (area != null) {
            parts.add("area " + area.key());
        }
        if (!blank(check)) {
            parts.add("check " + check);
        }
        if (!blank(suite)) {
            parts.add("suite " + suite + (blank(step) ? "" : " step " + step));
        }
        if (!blank(table)) {
            parts.add("table " + table);
        }
        return String.join(", ", parts);
    }

    boolean matches(Observation observation) {
        return (area == null || area == observation.area())
                && (blank(check) || check.equals(observation.check()) || check.equals(observation.checkType()))
                && (blank(suite) || suite.equals(observation.suite()))
                && (blank(step) || step.equals(observation.step().id()) || step.equals(observation.step().name()))
                && (blank(table) || observation.facts().findingTables().contains(table));
    }

    /** Whether it waives one table's findings only ({@code table:}), not a whole finding. */
    boolean perTable() {
        return !blank(table);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
