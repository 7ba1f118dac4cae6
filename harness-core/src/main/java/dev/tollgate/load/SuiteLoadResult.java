package dev.tollgate.load;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apiguardian.api.API;

import dev.tollgate.model.LoadIssue;
import dev.tollgate.model.Suite;

/**
 * What loading a suite file gave: the suite, or every problem found in the file and its includes,
 * in file and line order. Never both: a suite with problems is not handed out half-read.
 *
 * @param suite  the suite, present only when {@code issues} is empty
 * @param issues every problem, in file/line/column order
 */
@API(status = INTERNAL, since = "0.1")
public record SuiteLoadResult(Optional<Suite> suite, List<LoadIssue> issues) {

    public SuiteLoadResult {
        Objects.requireNonNull(suite, "suite must not be null");
        issues = issues == null ? List.of() : List.copyOf(issues);
        if (suite.isPresent() == !issues.isEmpty()) {
            throw new IllegalArgumentException("a result holds either a suite or issues, not both and not neither");
        }
    }

    static SuiteLoadResult loaded(Suite suite) {
        return new SuiteLoadResult(Optional.of(suite), List.of());
    }

    static SuiteLoadResult failed(List<LoadIssue> issues) {
        return new SuiteLoadResult(Optional.empty(), issues);
    }

    public boolean isLoaded() {
        return suite.isPresent();
    }

    /** Every issue on its own line, as a terminal or a discovery issue shows them. */
    public String describeIssues() {
        return issues.stream().map(LoadIssue::toString).collect(Collectors.joining("\n"));
    }
}
