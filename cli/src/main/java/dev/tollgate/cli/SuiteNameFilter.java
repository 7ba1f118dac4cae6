package dev.tollgate.cli;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Keeps the steps of the suites named by {@code --suite}: by the suite's name or its file's name.
 * Remembers which names matched, so a name that matches nothing is an error, not an empty run.
 */
final class SuiteNameFilter implements PostDiscoveryFilter {

    private final List<String> names;
    private final Set<String> matched = new TreeSet<>();

    SuiteNameFilter(List<String> names) {
        this.names = List.copyOf(names);
    }

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        Optional<TestDescriptor> suite = suiteOf(descriptor);
        if (suite.isEmpty()) {
            return FilterResult.included("not in a suite");
        }
        String file = suite.get().getSource().filter(FileSource.class::isInstance)
                .map(source -> ((FileSource) source).getFile().getName()).orElse("");
        for (String name : names) {
            if (name.equals(suite.get().getDisplayName()) || name.equals(file)
                    || (name + ".suite.yaml").equals(file) || (name + ".suite.yml").equals(file)) {
                matched.add(name);
                return FilterResult.included("suite " + name);
            }
        }
        return FilterResult.excluded("not one of the suites " + names);
    }

    /** The names that matched no suite of the selection. */
    List<String> unmatched() {
        return names.stream().filter(name -> !matched.contains(name)).toList();
    }

    // A suite is the descriptor whose last unique-id segment is a suite (below the root, or below
    // an upgrade path of a matrix); a step a child of its suite.
    static Optional<TestDescriptor> suiteOf(TestDescriptor descriptor) {
        for (TestDescriptor current = descriptor; current != null; current = current.getParent().orElse(null)) {
            if (SUITE_SEGMENT.equals(current.getUniqueId().getLastSegment().getType())) {
                return Optional.of(current);
            }
        }
        return Optional.empty();
    }

    static final String SUITE_SEGMENT = "suite";
}
