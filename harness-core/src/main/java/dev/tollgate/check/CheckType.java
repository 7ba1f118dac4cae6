package dev.tollgate.check;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apiguardian.api.API;

import dev.tollgate.model.Area;
import dev.tollgate.model.CheckSpec;
import dev.tollgate.model.LoadIssue;
import dev.tollgate.model.SourcePosition;

/**
 * A kind of check, as a suite names it ({@code check: health}, {@code check: {http: {…}}}).
 * Implementations are plug-ins: built-in ones are listed by {@link CheckRegistry}, more are found
 * with {@link java.util.ServiceLoader}. They are stateless; one instance serves every run.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface CheckType {

    /** The name suites use. */
    String type();

    /**
     * The release-readiness area this type's checks speak for ({@link Area#HEALTH_VERSION} for a
     * version check), so the gate places their outcomes there. Empty (the default) for a generic
     * probe ({@code http}, {@code sql}, {@code logs}): it counts for the lifecycle phase it follows.
     * A plug-in declares its own; the gate never guesses an area from a type's name.
     */
    @API(status = EXPERIMENTAL, since = "0.2")
    default Optional<Area> area() {
        return Optional.empty();
    }

    /** Every key its YAML settings may have, so the loader can reject typos before anything runs. */
    Set<String> keys();

    /** Keys that must be present. */
    default Set<String> requiredKeys() {
        return Set.of();
    }

    /**
     * Whether a check with these settings writes to the system under test (a POST, say), so it is
     * refused against read-only targets.
     */
    default boolean destructive(Map<String, Object> config) {
        return false;
    }

    /**
     * The setting every check takes: {@code safe: true} declares that, whatever its settings say (a
     * POST to a search endpoint, say), the check changes nothing, so read-only suites and remote
     * targets accept it. The suite's author answers for it.
     */
    String SAFE = "safe";

    /**
     * Whether a check of this type with these settings counts as writing: {@link #destructive} unless
     * the suite declared it {@code safe: true}.
     */
    static boolean writes(CheckType type, Map<String, Object> config) {
        return !declaredSafe(config) && type.destructive(config);
    }

    /** {@code safe: true} in a check's settings. */
    static boolean declaredSafe(Map<String, Object> config) {
        return config != null && Boolean.parseBoolean(String.valueOf(config.get(SAFE)).strip());
    }

    /** Names of variables this check sets for later steps ({@code capture:}), so references to them load. */
    default Set<String> captures(Map<String, Object> config) {
        return Set.of();
    }

    /**
     * Problems in what the settings refer to outside the suite (a matrix file, say), found when the
     * suite loads, each at its own file, line and column.
     *
     * @param at where the check's settings were written; relative paths are relative to its file
     */
    default List<LoadIssue> validate(Map<String, Object> config, SourcePosition at) {
        return List.of();
    }

    /**
     * Called once the suite's system is up, before its first step: a check may start slow work that
     * does not depend on what the steps before it do (the convergence check's clean install of its
     * release), so that it is ready, or under way, when the check runs. Must not fail: what goes
     * wrong shows when the check runs.
     */
    default void prepare(CheckSpec spec, CheckContext context) {
    }

    /**
     * Called once per run, on a background thread, before any suite starts: a type may load now what
     * its first use would otherwise wait for (the HTTP client's classes), so the first check of a run
     * does not pay for it. Must not fail.
     */
    @API(status = EXPERIMENTAL, since = "0.2")
    default void warmUp() {
    }

    /**
     * Called before a {@code restore} step of a suite that uses this type puts a backup back: a type
     * may keep what the restore is about to discard ({@link CheckContext#keep}), as the
     * {@code restore} check keeps a snapshot to list it. Best effort: the database may be unreadable,
     * which is often why it is restored; an exception is reported, never fatal.
     */
    @API(status = EXPERIMENTAL, since = "0.2")
    default void beforeRestore(CheckContext context) {
    }

    /**
     * Runs the check. Expected findings are results, not exceptions: a failed expectation is
     * {@link Status#FAILED}, evidence that cannot be gathered is {@link Status#BROKEN}.
     */
    CheckResult run(CheckSpec spec, CheckContext context);
}
