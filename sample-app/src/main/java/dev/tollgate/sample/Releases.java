package dev.tollgate.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every release the artifact can run as.
 *
 * <p>Each migration lives in its own leaf folder under {@code db/}, so a release is a list of folders
 * and a bad candidate swaps exactly one folder for its defective copy under {@code db/bad/}. Flyway
 * scans locations recursively: list only leaf folders here, never {@code db/v1_0} itself.
 */
final class Releases {

    private static final List<String> V1_0 = List.of(
            "db/v1_0/missions",
            "db/v1_0/audit");
    private static final List<String> V1_1 = concat(V1_0, List.of(
            "db/v1_1/priority",
            "db/v1_1/tags",
            "db/v1_1/status_index",
            "db/v1_1/backfill"));
    private static final List<String> V2_0 = concat(V1_1, List.of(
            "db/v2_0/title"));

    private static final Set<Trait> CODE_1_1 = Set.of(Trait.PRIORITY_AND_TAGS);

    private static final Map<String, Release> ALL = index(List.of(
            new Release("1.0.0", V1_0, Set.of()),
            new Release("1.1.0", V1_1, CODE_1_1),
            new Release("2.0.0", V2_0, Set.of(Trait.PRIORITY_AND_TAGS, Trait.TITLE)),
            new Release("1.1.0-bad-dataloss", replace(V1_1, "db/v1_1/backfill", "db/bad/dataloss"), CODE_1_1),
            new Release("2.0.0-bad-dataloss", replace(V2_0, "db/v2_0/title", "db/bad/title_dataloss"),
                    Set.of(Trait.PRIORITY_AND_TAGS, Trait.TITLE)),
            new Release("1.1.0-bad-authz", V1_1, Set.of(Trait.PRIORITY_AND_TAGS, Trait.VIEWER_MAY_DELETE)),
            new Release("1.1.0-bad-checksum", replace(V1_1, "db/v1_0/audit", "db/bad/checksum"), CODE_1_1),
            new Release("1.1.0-bad-drift", replace(V1_1, "db/v1_1/priority", "db/bad/drift"), CODE_1_1),
            new Release("1.1.0-bad-health", V1_1, Set.of(Trait.PRIORITY_AND_TAGS, Trait.HEALTH_DOWN)),
            new Release("1.1.0-bad-version", V1_1, Set.of(Trait.PRIORITY_AND_TAGS, Trait.STALE_VERSION)),
            new Release("1.1.0-bad-store", V1_1, Set.of(Trait.PRIORITY_AND_TAGS, Trait.STORE_COMPACTION_LOSES_FILES)),
            new Release("1.1.0-bad-hostkey", V1_1, Set.of(Trait.PRIORITY_AND_TAGS, Trait.HOST_KEY_REGENERATED)),
            new Release("1.1.0-bad-ssh-login", V1_1, Set.of(Trait.PRIORITY_AND_TAGS, Trait.SSH_LOGIN_REFUSED)),
            new Release("1.1.0-open", V1_1, Set.of(Trait.PRIORITY_AND_TAGS, Trait.REPORTS_BASE_VERSION)),
            new Release("1.1.0-bad-migration-fails",
                    replace(V1_1, "db/v1_1/status_index", "db/bad/migration_fails"), CODE_1_1),
            new Release("1.1.0-bad-migration-hangs",
                    replace(V1_1, "db/v1_1/backfill", "db/bad/migration_hangs"), CODE_1_1),
            new Release("1.1.0-bad-index-drop", concat(V1_1, List.of("db/bad/index_drop")),
                    Set.of(Trait.PRIORITY_AND_TAGS, Trait.FRAMEWORK_STARTUP_FAILURE)),
            new Release("1.1.0-table-rewrite", concat(V1_1, List.of("db/slow/table_rewrite")), CODE_1_1),
            new Release("1.1.0-bad-rollback-incompatible",
                    concat(V1_1, List.of("db/bad/rollback_incompatible")),
                    Set.of(Trait.PRIORITY_AND_TAGS, Trait.WITHOUT_NOTES))));

    private Releases() {
    }

    static List<String> ids() {
        return List.copyOf(ALL.keySet());
    }

    static Optional<Release> find(String id) {
        return Optional.ofNullable(ALL.get(id));
    }

    /** The release with this id, or a usage error that lists the ones there are. */
    static Release require(String id) {
        return find(id).orElseThrow(() -> new StartupException(ExitCode.USAGE,
                "Unknown release '" + id + "'. Known releases: " + String.join(", ", ids())
                        + ". Set SAMPLE_RELEASE to one of them."));
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }

    private static List<String> replace(List<String> locations, String good, String bad) {
        if (!locations.contains(good)) {
            throw new IllegalArgumentException(good + " is not among " + locations);
        }
        return locations.stream().map(location -> location.equals(good) ? bad : location).toList();
    }

    private static Map<String, Release> index(List<Release> releases) {
        Map<String, Release> byId = new LinkedHashMap<>();
        releases.forEach(release -> byId.put(release.id(), release));
        return byId;
    }
}
