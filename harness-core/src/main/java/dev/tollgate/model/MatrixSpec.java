package dev.tollgate.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Arrays;
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

    /**
     * The previous releases as a command line or {@code -Dtollgate.previous} gives them: comma-separated,
     * each stripped, empty entries and repeats left out.
     *
     * @param csv {@code 1.0.0,1.1.0}; null: none given
     */
    public static MatrixSpec parse(String csv) {
        return csv == null ? NONE : new MatrixSpec(Arrays.asList(entries(csv)));
    }

    /**
     * Whether a list of several releases has an empty one between its commas ({@code 1.0.0,,1.1.0}),
     * which {@link #parse} leaves out but a command line refuses as a likely typo.
     */
    public static boolean hasEmptyEntry(String csv) {
        String[] entries = csv == null ? new String[0] : entries(csv);
        return entries.length > 1 && Arrays.stream(entries).anyMatch(String::isBlank);
    }

    // String.split: trailing empty entries (1.0.0,1.1.0,) are dropped, as they always were.
    private static String[] entries(String csv) {
        return csv.split(",");
    }
}
