package dev.tollgate.db;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * How one schema change bears on the previous release running against the new schema.
 *
 * @param object       the changed object ({@code missions.priority})
 * @param change       the kind of change
 * @param backwardSafe whether the previous release is expected to keep working with it
 * @param description  what happened, in words ({@code dropped (or renamed to missions.name)})
 * @param rule         why that is or is not backward-safe
 */
@API(status = INTERNAL, since = "0.1")
public record SafetyFinding(String object, SchemaChange.Kind change, boolean backwardSafe, String description, String rule) {

    /** {@code UNSAFE missions.title: dropped (or renamed) - the previous release still reads or writes it}. */
    public String toText() {
        return (backwardSafe ? "safe   " : "UNSAFE ") + object + ": " + description + " - " + rule;
    }
}
