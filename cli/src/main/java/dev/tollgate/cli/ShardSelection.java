package dev.tollgate.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TestIdentifier;

import dev.tollgate.model.UpgradePath;
import dev.tollgate.report.RunRecord;

/**
 * A shard's part of a discovered selection: every unit (suite × upgrade path) of the selection, the
 * ones this shard runs, and a filter that keeps only those.
 *
 * @param shard the part, with the whole selection in it
 * @param mine  the units this shard runs, in the selection's order
 * @param kept  the unique ids of their suites in the discovered plan
 */
record ShardSelection(RunRecord.Shard shard, List<RunRecord.Unit> mine, Set<UniqueId> kept) {

    /**
     * @param paths     the run's upgrade paths, in order: for a matrix, the plan has one container per
     *                  path below the engine, in this order
     * @param durations the run record whose suite times balance the shards, or null to balance by count
     */
    static ShardSelection of(EngineSession.Discovery discovery, List<UpgradePath> paths, ShardPlan.Part part,
            Path durations) {
        Map<UniqueId, RunRecord.Unit> units = new LinkedHashMap<>();
        for (TestIdentifier suite : discovery.suites()) {
            units.put(suite.getUniqueIdObject(), new RunRecord.Unit(pathOf(discovery, suite, paths), suite.getDisplayName()));
        }
        List<RunRecord.Unit> all = List.copyOf(units.values());
        Map<RunRecord.Unit, Long> recorded = durations == null ? Map.of() : ShardPlan.durationsFrom(durations, all);
        List<RunRecord.Unit> mine = ShardPlan.divide(all, part.count(), recorded).get(part.index() - 1);
        Set<UniqueId> kept = units.entrySet().stream().filter(entry -> mine.contains(entry.getValue()))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        String balancedBy = durations == null ? "count" : "durations from " + durations.getFileName();
        return new ShardSelection(new RunRecord.Shard(part.index(), part.count(), all, balancedBy), mine, kept);
    }

    // Below the engine: the path containers of a matrix in the run's order, else the suites themselves.
    private static UpgradePath pathOf(EngineSession.Discovery discovery, TestIdentifier suite, List<UpgradePath> paths) {
        if (paths.size() == 1) {
            return paths.get(0);
        }
        TestIdentifier container = discovery.plan().getParent(suite).orElseThrow();
        List<TestIdentifier> containers = new ArrayList<>(discovery.plan().getChildren(
                discovery.plan().getParent(container).orElseThrow()));
        return paths.get(containers.indexOf(container));
    }

    /** Keeps the steps of this shard's suites. */
    PostDiscoveryFilter filter() {
        return new PostDiscoveryFilter() {
            @Override
            public FilterResult apply(TestDescriptor descriptor) {
                return SuiteNameFilter.suiteOf(descriptor).map(suite -> kept.contains(suite.getUniqueId())
                        ? FilterResult.included("in shard " + shard.describe())
                        : FilterResult.excluded("in another shard than " + shard.describe()))
                        .orElse(FilterResult.included("not in a suite"));
            }
        };
    }

    /** {@code shard 2/4: 1 of 4 units (authz on 1.0.0 → 2.0.0), balanced by count}. */
    String describe() {
        return "shard " + shard.describe() + ": " + mine.size() + " of " + shard.selection().size() + " units ("
                + mine.stream().map(RunRecord.Unit::describe).collect(Collectors.joining(", ")) + "), balanced by "
                + shard.balancedBy();
    }
}
