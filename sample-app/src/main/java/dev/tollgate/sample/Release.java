package dev.tollgate.sample;

import java.util.List;
import java.util.Set;

/**
 * One deployable release: its id, the Flyway classpath locations that hold its migrations (in order),
 * and how its code behaves.
 */
record Release(String id, List<String> locations, Set<Trait> traits) {

    /** The version 1.1.0-bad-version reports: a constant someone forgot to bump. */
    static final String STALE_VERSION = "1.0.0";

    Release {
        locations = List.copyOf(locations);
        traits = Set.copyOf(traits);
    }

    boolean has(Trait trait) {
        return traits.contains(trait);
    }

    /** The version the running code claims to be; differs from {@link #id()} only when that is the defect. */
    String reportedVersion() {
        return has(Trait.STALE_VERSION) ? STALE_VERSION : has(Trait.REPORTS_BASE_VERSION) ? id.replaceFirst("-.*$", "") : id;
    }

    String[] flywayLocations() {
        return locations.stream().map(location -> "classpath:" + location).toArray(String[]::new);
    }
}
