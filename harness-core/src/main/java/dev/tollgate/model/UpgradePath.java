package dev.tollgate.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.stream.Collectors;

import org.apiguardian.api.API;

/**
 * One supported way to reach the candidate: from a previous release, through any hops (a chain),
 * to the candidate. A run rehearses one path, or a matrix of them ({@code --previous 1.0.0,1.1.0}:
 * one path per previous release), each path's suites in their own environments, and judges each.
 *
 * @param releases the releases in upgrade order: the previous release first, the candidate last
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record UpgradePath(List<String> releases) {

    public UpgradePath {
        releases = List.copyOf(releases);
        if (releases.size() < 2) {
            throw new IllegalArgumentException("an upgrade path needs a previous release and a candidate: " + releases);
        }
    }

    /** The path {@code previous → candidate}, without hops. */
    public static UpgradePath of(String previous, String candidate) {
        return new UpgradePath(List.of(previous, candidate));
    }

    /** The release in production where this path starts. */
    public String previous() {
        return releases.get(0);
    }

    /** The release about to ship, where every path of a run ends. */
    public String candidate() {
        return releases.get(releases.size() - 1);
    }

    /** {@code 1.0.0 → 1.1.0 → 2.0.0}: how reports name the path. */
    public String describe() {
        return releases.stream().collect(Collectors.joining(" → "));
    }

    @Override
    public String toString() {
        return describe();
    }
}
