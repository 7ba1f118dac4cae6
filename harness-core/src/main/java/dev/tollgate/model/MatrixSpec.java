package dev.tollgate.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;

import org.apiguardian.api.API;

/**
 * The supported previous releases a candidate must upgrade from, each one a path of its own
 * ({@code matrix:} in a profile or in {@code tollgate.yaml}):
 *
 * <pre>{@code
 * matrix: { previous: [1.0.0, 1.1.0] }
 * }</pre>
 *
 * @param previous the previous releases, in the order their paths are reported; empty: none given
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record MatrixSpec(List<String> previous) {

    /** No matrix: the run rehearses the one path its releases name. */
    public static final MatrixSpec NONE = new MatrixSpec(List.of());

    public MatrixSpec {
        previous = previous == null ? List.of() : previous.stream().filter(id -> id != null && !id.isBlank())
                .map(String::strip).distinct().toList();
    }
}
