package dev.tollgate.check;

import java.util.List;

/** The check types Tollgate ships. */
final class BuiltInChecks {

    private BuiltInChecks() {
    }

    static List<CheckType> all() {
        return List.of(HealthCheck.health(), HealthCheck.ready(), new VersionCheck());
    }
}
