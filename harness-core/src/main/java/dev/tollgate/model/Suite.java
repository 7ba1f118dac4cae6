package dev.tollgate.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.apiguardian.api.API;

/**
 * A suite: a named scenario of steps, read from one YAML file with its includes inlined and its
 * named checks resolved.
 *
 * @param name        the suite's name ({@code suite:})
 * @param description what it proves, for the report; may be empty
 * @param tags        tags that select it ({@code upgrade}, {@code release-gate}, …)
 * @param destructive whether it changes the system under test (refused on read-only targets)
 * @param steps       the scenario in order
 * @param position    the {@code suite:} key in its file
 */
@API(status = INTERNAL, since = "0.1")
public record Suite(String name, String description, Set<String> tags, boolean destructive, List<Step> steps,
        SourcePosition position) {

    public Suite {
        Objects.requireNonNull(name, "name must not be null");
        description = description == null ? "" : description;
        tags = tags == null ? Set.of() : Set.copyOf(tags);
        steps = steps == null ? List.of() : List.copyOf(steps);
        Objects.requireNonNull(position, "position must not be null");
    }

    /**
     * Of the name and the position only: equal suites have equal ones, and the engine keys its
     * bookkeeping by suite once per step, where hashing every step's checks and their YAML each time
     * cost more than the bookkeeping itself.
     */
    @Override
    public int hashCode() {
        return Objects.hash(name, position);
    }
}
