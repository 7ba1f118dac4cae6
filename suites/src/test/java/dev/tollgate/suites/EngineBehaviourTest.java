package dev.tollgate.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The Tollgate engine as the JUnit Platform sees it, running the shipped suites on the local profile. */
class EngineBehaviourTest {

    private static final Path SUITES = Path.of("src/suites").toAbsolutePath();
    private static final Path CLEAN_INSTALL = SUITES.resolve("clean-install.suite.yaml");

    @Test
    void cleanInstallOfTheCandidatePassesEveryStep() {
        EngineExecutionResults results = run(CLEAN_INSTALL, Map.of());
        results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(3).failed(0).skipped(0));
    }

    @Test
    void badHealthFailsOnTheCheckStepSayingWhatCameBack() {
        EngineExecutionResults results = run(CLEAN_INSTALL, Map.of("tollgate.candidate", "1.1.0-bad-health"));
        results.testEvents().assertThatEvents().haveExactly(1, event(test("step:line-8"),
                finishedWithFailure(message(m -> m.contains("health: expected GET /health to answer 2xx within 10s; it answered 503")))));
        results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(2).failed(1));
    }

    @Test
    void badVersionFailsOnTheCheckStepSayingWhatCameBack() {
        EngineExecutionResults results = run(CLEAN_INSTALL, Map.of("tollgate.candidate", "1.1.0-bad-version"));
        results.testEvents().assertThatEvents().haveExactly(1, event(test("step:line-8"), finishedWithFailure(message(
                m -> m.contains("version: expected the service to report release '1.1.0-bad-version' in field 'version'; it reported '1.0.0'")))));
    }

    @Test
    void theRunRecordSaysWhatEachStepAndCheckFound() throws Exception {
        run(CLEAN_INSTALL, Map.of("tollgate.candidate", "1.1.0-bad-version"));
        JsonNode record = new ObjectMapper().readTree(Path.of(System.getProperty("tollgate.evidence.dir"), "run.json").toFile());
        assertEquals("1.1.0-bad-version", record.path("candidate").asText());
        JsonNode steps = record.path("suites").path(0).path("steps");
        assertEquals(List.of("install-candidate PASSED", "line-8 FAILED", "line-9 PASSED"),
                List.of(line(steps.path(0)), line(steps.path(1)), line(steps.path(2))));
        JsonNode version = steps.path(1).path("checks").path(2);
        assertEquals("version FAILED", version.path("type").asText() + " " + version.path("status").asText());
    }

    private static String line(JsonNode step) {
        return step.path("id").asText() + " " + step.path("status").asText();
    }

    @Test
    void failedLifecycleStepSkipsTheRestOfTheScenarioWithTheReason() {
        EngineExecutionResults results = run(CLEAN_INSTALL, Map.of("tollgate.candidate", "9.9.9"));
        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("step:install-candidate"), finishedWithFailure(message(
                        m -> m.contains("release 9.9.9") && m.contains("Unknown release '9.9.9'")))))
                .haveExactly(2, event(test(), skippedWithReason(
                        r -> r.startsWith("'install 9.9.9' at " + CLEAN_INSTALL + ":6:")
                                && r.contains("failed, so the rest of the scenario cannot run"))));
    }

    @Test
    void uniqueIdsComeFromTheFileAndTheStepIdOrLine() {
        EngineDiscoveryResults discovery = EngineTestKit.engine("tollgate").selectors(selectFile(CLEAN_INSTALL.toFile())).discover();
        TestDescriptor suite = discovery.getEngineDescriptor().getChildren().iterator().next();
        assertEquals(UniqueId.forEngine("tollgate").append("suite", CLEAN_INSTALL.toUri().toString()), suite.getUniqueId());
        assertEquals("clean-install", suite.getDisplayName());
        List<String> steps = suite.getChildren().stream().map(step -> step.getUniqueId().getLastSegment().getValue()
                + " = " + step.getDisplayName()).toList();
        assertEquals(List.of("install-candidate = install 1.1.0", "line-8 = check health, ready, version",
                "line-9 = check sql, logs"), steps);
        FileSource source = (FileSource) suite.getChildren().iterator().next().getSource().orElseThrow();
        assertEquals(CLEAN_INSTALL.toFile(), source.getFile());
        assertEquals(6, source.getPosition().orElseThrow().getLine());
        assertTrue(suite.getTags().stream().anyMatch(tag -> tag.getName().equals("clean-install")));
    }

    @Test
    void aStepUniqueIdRunsTheScenarioUpToThatStep() {
        EngineExecutionResults results = EngineTestKit.engine("tollgate")
                .selectors(selectUniqueId(UniqueId.forEngine("tollgate").append("suite", CLEAN_INSTALL.toUri().toString())
                        .append("step", "line-8")))
                .execute();
        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
    }

    @Test
    void runsOneSuiteFileThroughTheLauncherAsAnIdeWould() {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(request().selectors(selectFile(SUITES.resolve("health-version.suite.yaml").toFile())).build(), summary);
        TestExecutionSummary result = summary.getSummary();
        assertEquals(1, result.getTestsFoundCount());
        assertEquals(1, result.getTestsSucceededCount(), () -> result.getFailures().toString());
    }

    @Test
    void tagsFromTheSuiteSelectSuitesAndAFilterThatMatchesNothingFindsNothing() {
        Launcher launcher = LauncherFactory.create();
        var upgrade = launcher.discover(request().selectors(selectDirectory(SUITES.toFile()))
                .filters(TagFilter.includeTags("upgrade")).build());
        assertEquals(List.of("upgrade-from-previous"), upgrade.getRoots().stream()
                .flatMap(root -> upgrade.getChildren(root).stream()).map(id -> id.getDisplayName()).toList());
        var nothing = launcher.discover(request().selectors(selectDirectory(SUITES.toFile()))
                .filters(TagFilter.includeTags("no-such-tag")).build());
        assertEquals(0, nothing.countTestIdentifiers(id -> id.isTest()));
    }

    private static EngineExecutionResults run(Path suite, Map<String, String> configuration) {
        return EngineTestKit.engine("tollgate").configurationParameters(configuration)
                .selectors(selectFile(suite.toFile())).execute();
    }
}
