package dev.tollgate.sample;

/** Whether the database is reachable and holds exactly this release's migrations, and if not, why. */
record Readiness(boolean ready, String schemaVersion, String reason) {

    static Readiness ready(String schemaVersion) {
        return new Readiness(true, schemaVersion, null);
    }

    static Readiness notReady(String reason) {
        return new Readiness(false, null, reason);
    }
}
