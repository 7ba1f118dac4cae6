package dev.tollgate.cli;

/**
 * The {@code tollgate.*} keys of the {@code remote} runtime that the command line sets. They are
 * here, in one place, until {@link dev.tollgate.api.Constants} documents them (issue #8, parts 1–3):
 * then each becomes a reference to the constant of the same value.
 */
final class TargetKeys {

    /** Base URL of an already running system under test ({@code --target-url}). */
    static final String TARGET_URL = "tollgate.target.url";
    /** JDBC URL of its database, opened read-only ({@code --database-url}). */
    static final String TARGET_DATABASE_URL = "tollgate.target.databaseUrl";
    /** The loud opt-in to destructive suites against a remote target ({@code --allow-destructive}). */
    static final String ALLOW_DESTRUCTIVE = "tollgate.allowDestructive";

    private TargetKeys() {
    }
}
