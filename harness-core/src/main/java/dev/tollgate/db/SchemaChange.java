package dev.tollgate.db;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Objects;

import org.apiguardian.api.API;

/**
 * One difference between two schema snapshots.
 *
 * @param kind   what changed
 * @param object what it changed on: {@code missions} for a table, {@code missions.priority} for a
 *               column, {@code missions.missions_priority_check} for a constraint or index of a table,
 *               the bare name for a sequence or view
 * @param before the object's definition before ({@code integer NULL}), {@code null} if it was added
 * @param after  the object's definition after, {@code null} if it was dropped
 * @param column for a column change, the column as it is after (before, when dropped), so its nullability
 *               and default can be judged; {@code null} for other objects
 */
@API(status = INTERNAL, since = "0.1")
public record SchemaChange(Kind kind, String object, String before, String after, SchemaSnapshot.Column column) {

    /** What kind of object changed, and how. */
    @API(status = INTERNAL, since = "0.1")
    public enum Kind {
        TABLE_ADDED("table"), TABLE_DROPPED("table"),
        COLUMN_ADDED(""), COLUMN_DROPPED(""), COLUMN_TYPE_CHANGED(""), COLUMN_NULLABILITY_CHANGED(""),
        COLUMN_DEFAULT_CHANGED(""),
        CONSTRAINT_ADDED("constraint"), CONSTRAINT_DROPPED("constraint"), CONSTRAINT_CHANGED("constraint"),
        INDEX_ADDED("index"), INDEX_DROPPED("index"), INDEX_CHANGED("index"),
        SEQUENCE_ADDED("sequence"), SEQUENCE_DROPPED("sequence"), SEQUENCE_CHANGED("sequence"),
        VIEW_ADDED("view"), VIEW_DROPPED("view"), VIEW_CHANGED("view");

        private final String noun;

        Kind(String noun) {
            this.noun = noun;
        }

        /** How a diff line introduces the object: columns go bare, like {@code missions.priority}. */
        String noun() {
            return noun;
        }
    }

    public SchemaChange {
        Objects.requireNonNull(kind, "kind must not be null");
        Objects.requireNonNull(object, "object must not be null");
    }

    static SchemaChange of(Kind kind, String object, String before, String after) {
        return new SchemaChange(kind, object, before, after, null);
    }
}
