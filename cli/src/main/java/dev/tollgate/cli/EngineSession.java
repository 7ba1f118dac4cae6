package dev.tollgate.cli;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;

import dev.tollgate.engine.TollgateTestEngine;
import dev.tollgate.report.RunRecord;

/**
 * The tollgate engine through the JUnit Platform Launcher, as Failsafe runs it: the same selectors
 * (suite files and directories), tag filters and {@code tollgate.*} configuration.
 */
final class EngineSession {

    /**
     * What discovery found.
     *
     * @param issues    every issue the engine reported (a malformed suite is one or more ERRORs)
     * @param unmatched {@code --suite} names that matched no suite of the selection
     */
    record Discovery(Launcher launcher, TestPlan plan, List<DiscoveryIssue> issues, List<String> unmatched) {

        List<DiscoveryIssue> errors() {
            return issues.stream().filter(issue -> issue.severity() == DiscoveryIssue.Severity.ERROR).toList();
        }

        /** The selected suites, in discovery order: for a matrix, each path's in turn. */
        List<TestIdentifier> suites() {
            return plan.getRoots().stream().flatMap(root -> suitesBelow(root).stream()).toList();
        }

        private List<TestIdentifier> suitesBelow(TestIdentifier node) {
            return plan.getChildren(node).stream().flatMap(child -> SuiteNameFilter.SUITE_SEGMENT.equals(
                    child.getUniqueIdObject().getLastSegment().getType()) ? java.util.stream.Stream.of(child)
                    : suitesBelow(child).stream()).toList();
        }

        List<TestIdentifier> steps(TestIdentifier suite) {
            return List.copyOf(plan.getChildren(suite));
        }
    }

    private static final String ISSUES_FAIL_IN = "junit.platform.discovery.issue.failure.phase";

    private EngineSession() {
    }

    static Discovery discover(List<Path> paths, List<String> tags, List<String> suites, Map<String, String> configuration) {
        return discover(paths, tags, suites, configuration, record -> { });
    }

    /** @param records receives the run's record when a run of this discovery ends, in this JVM */
    static Discovery discover(List<Path> paths, List<String> tags, List<String> suites, Map<String, String> configuration,
            Consumer<RunRecord> records) {
        return discover(paths, tags, suites, configuration, records, List.of(), UnaryOperator.identity());
    }

    /**
     * Only a shard's part of the selection: its suites kept (a filter after tags and names), and its
     * part written into the run's record, which the engine writes once.
     */
    static Discovery discover(List<Path> paths, List<String> tags, List<String> suites, Map<String, String> configuration,
            Consumer<RunRecord> records, ShardSelection part) {
        return discover(paths, tags, suites, configuration, records, List.of(part.filter()),
                run -> run.withShard(part.shard()));
    }

    private static Discovery discover(List<Path> paths, List<String> tags, List<String> suites,
            Map<String, String> configuration, Consumer<RunRecord> records, List<PostDiscoveryFilter> narrowing,
            UnaryOperator<RunRecord> amend) {
        List<DiscoverySelector> selectors = new ArrayList<>();
        for (Path path : paths) {
            selectors.add(Files.isDirectory(path) ? selectDirectory(path.toFile()) : selectFile(path.toFile()));
        }
        List<DiscoveryIssue> issues = Collections.synchronizedList(new ArrayList<>());
        SuiteNameFilter byName = new SuiteNameFilter(suites);
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .filters(EngineFilter.includeEngines(TollgateTestEngine.ENGINE_ID))
                .configurationParameters(configuration)
                // Issues are collected and printed here, before anything runs, rather than thrown by discover().
                .configurationParameter(ISSUES_FAIL_IN, "execution")
                .listeners(new LauncherDiscoveryListener() {
                    @Override
                    public void issueEncountered(UniqueId engineId, DiscoveryIssue issue) {
                        issues.add(issue);
                    }
                });
        if (!tags.isEmpty()) {
            request.filters(TagFilter.includeTags(tags));
        }
        if (!suites.isEmpty()) {
            request.filters(byName);
        }
        narrowing.forEach(request::filters);
        LauncherDiscoveryRequest built = request.build();
        // The engine is made here, not found on the class path, so that it hands its record over in memory.
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder().enableTestEngineAutoRegistration(false)
                .addTestEngines(new TollgateTestEngine(amend, records)).build());
        TestPlan plan = launcher.discover(built);
        return new Discovery(launcher, plan, List.copyOf(issues), suites.isEmpty() ? List.of() : byName.unmatched());
    }
}
