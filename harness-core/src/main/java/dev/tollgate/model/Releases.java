package dev.tollgate.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apiguardian.api.API;

import com.fasterxml.jackson.annotation.JsonCreator;

import dev.tollgate.api.Constants;
import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.Hints;
import dev.tollgate.api.TollgateException;

/**
 * The releases a profile knows ({@code releases:}), by id, in the order the profile lists them.
 * A profile without them knows no list: any id is rehearsed as given. With them, a run naming
 * another id stops before anything starts, naming the profile's line and the ids it knows.
 *
 * @param byId     each release's settings, by id
 * @param position where {@code releases:} is in the profile file, for messages; null when unknown
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record Releases(Map<String, ReleaseSpec> byId, SourcePosition position) {

    /** No list: every id is accepted. */
    public static final Releases NONE = new Releases(Map.of(), null);

    public Releases {
        Map<String, ReleaseSpec> copy = new LinkedHashMap<>();
        // `1.0.0:` with nothing after it is a release known by its id alone.
        (byId == null ? Map.<String, ReleaseSpec>of() : byId).forEach((id, spec) -> copy.put(id.strip(),
                spec == null ? ReleaseSpec.BARE : spec));
        byId = Collections.unmodifiableMap(copy);
    }

    /** As a profile writes them: a map of release id to its settings (or to nothing). */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Releases of(Map<String, ReleaseSpec> byId) {
        return new Releases(byId, null);
    }

    public boolean isEmpty() {
        return byId.isEmpty();
    }

    public Set<String> ids() {
        return byId.keySet();
    }

    public Optional<ReleaseSpec> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * The releases a run names, by the setting that named them ({@code tollgate.previous} → ids), for
     * {@link #requireKnown} to judge.
     *
     * @param paths the run's upgrade paths: one per previous release, or the chain's one
     * @param chain whether the paths came from {@code tollgate.chain}, which names all of its releases
     */
    public static Map<String, List<String>> named(List<UpgradePath> paths, boolean chain) {
        Map<String, List<String>> named = new LinkedHashMap<>();
        if (chain) {
            named.put(Constants.CHAIN, paths.get(0).releases());
        } else {
            named.put(Constants.PREVIOUS, paths.stream().map(UpgradePath::previous).toList());
            named.put(Constants.CANDIDATE, paths.stream().map(UpgradePath::candidate).distinct().toList());
        }
        return named;
    }

    /**
     * Stops a run that names a release the profile does not list.
     *
     * @param description the profile file, for the message when its position is unknown
     * @param given       the ids the run names, by the setting that named them ({@code tollgate.candidate} → id)
     * @throws TollgateException naming each unknown id, its setting, the profile's line and the known ids
     */
    public void requireKnown(String description, Map<String, List<String>> given) {
        if (isEmpty()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        given.forEach((setting, ids) -> ids.stream().filter(id -> id != null && !byId.containsKey(id)).distinct()
                .forEach(id -> problems.add((position == null ? description : position.file() + ":" + position.line())
                        + ": release " + id + " (" + Hints.setting(setting, id) + ") is not one of the releases the profile"
                        // Every id, not a guess at the nearest: 26.5.7 is as near 26.4.7 as 26.5.6.
                        + " lists: " + String.join(", ", byId.keySet()) + ". Name one of them, or add " + id
                        + " under releases: in the profile.")));
        if (!problems.isEmpty()) {
            throw new TollgateException(ErrorCode.LOAD_INVALID_SETTING, String.join("\n", problems));
        }
    }
}
