package dev.tollgate.engine;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.hierarchical.Node;

import dev.tollgate.model.Step;
import dev.tollgate.model.StepKind;
import dev.tollgate.model.Suite;
import dev.tollgate.model.Variables;
import dev.tollgate.runtime.Progress;
import dev.tollgate.runtime.SystemUnderTest;
import dev.tollgate.system.SystemWait;

/**
 * A suite as a container. Its unique id is the suite file's URI, so a re-run from an IDE finds it
 * again; it gets its own deployment when it starts and removes it when it ends.
 */
final class SuiteDescriptor extends AbstractTestDescriptor implements Node<TollgateExecutionContext> {

    static final String SEGMENT = "suite";

    private final Suite suite;
    // When the suite started, for its closing progress line; a suite runs once, on one thread.
    private volatile long started;
    // Waits on the system by work the suite's checks started ahead (a clean install), beside the steps.
    private volatile SystemWait ahead;

    private SuiteDescriptor(UniqueId uniqueId, Path file, Suite suite) {
        super(uniqueId, suite.name(), FileSource.from(file.toFile(),
                FilePosition.from(suite.position().line(), suite.position().column())));
        this.suite = suite;
    }

    /**
     * @param upToStep a step's id segment to run the scenario up to and including, or {@code null} for all
     */
    static SuiteDescriptor of(TestDescriptor parent, Path file, Suite suite, String upToStep, Variables names) {
        SuiteDescriptor descriptor = new SuiteDescriptor(parent.getUniqueId().append(SEGMENT, file.toUri().toString()),
                file, suite);
        descriptor.addSteps(suite.steps(), upToStep, names);
        return descriptor;
    }

    /** Adds a child for each step, in order, up to and including {@code upToStep} (null: all). */
    private void addSteps(List<Step> steps, String upToStep, Variables names) {
        for (Step step : steps) {
            StepDescriptor child = new StepDescriptor(getUniqueId().append(StepDescriptor.SEGMENT,
                    StepDescriptor.segmentOf(step)), suite, step, getTags(), names);
            addChild(child);
            if (child.getUniqueId().getLastSegment().getValue().equals(upToStep)) {
                break;
            }
        }
    }

    Suite suite() {
        return suite;
    }

    /**
     * This suite, with the steps it selected, as a child of {@code parent}: the same suite rehearsed
     * on another upgrade path, in its own environment.
     */
    SuiteDescriptor copyUnder(TestDescriptor parent, Variables names) {
        Path file = ((FileSource) getSource().orElseThrow()).getFile().toPath();
        SuiteDescriptor copy = new SuiteDescriptor(parent.getUniqueId().append(SEGMENT, file.toUri().toString()), file, suite);
        // Each step's segment is StepDescriptor.segmentOf(step), as `of` gave it.
        copy.addSteps(getChildren().stream().map(child -> ((StepDescriptor) child).step()).toList(), null, names);
        return copy;
    }

    /**
     * A guess at how long the suite takes, to start the longest first: each step that starts the
     * service (with its migrations) costs most, then every step a little.
     */
    int weight() {
        long starts = suite.steps().stream().filter(step -> SERVICE_STARTS.contains(step.kind())).count()
                + (suite.destructive() ? 0 : 1);  // a read-only suite gets the candidate deployed for it
        return (int) starts * 100 + suite.steps().size();
    }

    private static final Set<StepKind> SERVICE_STARTS = EnumSet.of(StepKind.INSTALL, StepKind.UPGRADE, StepKind.ROLLBACK,
            StepKind.RESTART, StepKind.BACKUP, StepKind.RESTORE);

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    /** Suites share nothing but the run's record: each has its own deployment, ports and scratch directory. */
    @Override
    public ExecutionMode getExecutionMode() {
        return ExecutionMode.CONCURRENT;
    }

    @Override
    public Set<TestTag> getTags() {
        Set<TestTag> tags = new LinkedHashSet<>();
        suite.tags().stream().filter(TestTag::isValid).map(TestTag::create).forEach(tags::add);
        return tags;
    }

    @Override
    public TollgateExecutionContext before(TollgateExecutionContext context) {
        TollgateExecutionContext.RunSettings run = context.run();
        run.recorder().suiteStarted(suite);
        started = System.nanoTime();
        run.progress().report("suite " + suite.name() + " (" + suite.position().file().getFileName() + ", "
                + suite.steps().size() + " steps)");
        Progress progress = sideBySide(run) ? run.progress().prefixed(suite.name() + " │ ") : run.progress();
        SystemUnderTest runtime = Runtimes.start(run.profile(), run.variables(), run.configuration().workDir(),
                run.configuration().evidenceDir(), progress, run.servers());
        long environmentReady = System.nanoTime();
        if (runtime.hasDatabase()) {
            run.recorder().databaseStarted(runtime.database());
        }
        ScenarioState scenario = new ScenarioState(runtime, new RuntimeCheckContext(run.profile(), runtime, run.variables(),
                run.configuration().evidenceDir(), run.configuration().allowDestructive()), progress);
        ahead = new SystemWait();
        ahead.during(() -> prepareChecks(run, scenario));
        if (!suite.destructive() || run.profile().remote()) {
            // A read-only suite observes a deployment it did not make: locally, Tollgate installs the
            // candidate for it; a remote target is taken as running the candidate (version checks say).
            try {
                runtime.provide(run.configuration().candidate());
            } catch (RuntimeException e) {
                scenario.close();
                throw e;
            }
        }
        run.recorder().suiteSetUp(suite, environmentReady - started, System.nanoTime() - environmentReady);
        return context.withScenario(scenario);
    }

    @Override
    public void after(TollgateExecutionContext context) {
        TollgateExecutionContext.RunSettings run = context.run();
        long teardown = System.nanoTime();
        SystemWait waited = new SystemWait();  // the part of the clean-up that is the service shutting down
        try {
            run.recorder().imagesDeployed(context.scenario().system().deployedImages());
            run.recorder().upgradesProbed(suite, context.scenario().system().upgradeProbes());
            if (context.scenario().system().hasDatabase()) {
                context.scenario().readings().during(() -> run.recorder().suiteEnded(suite, context.scenario().system().database(),
                        run.profile().database().migrations()));
            }
        } finally {
            // Here, not only in the scenario's close: closing them is Tollgate's clean-up, not the service's shutdown.
            context.scenario().readings().close();
            try {
                waited.during(() -> context.scenario().close());
            } finally {
                run.recorder().suiteTornDown(suite, System.nanoTime() - teardown, waited.millis(),
                        ahead == null ? Map.of() : ahead.millis());
            }
        }
        run.progress().report(String.format("suite %s done: %s (%.1fs)", suite.name(),
                run.recorder().summary(List.of(suite)), (System.nanoTime() - started) / 1e9));
    }

    /** Lets each check start its slow, independent work now (see {@link dev.tollgate.check.CheckType#prepare}). */
    private void prepareChecks(TollgateExecutionContext.RunSettings run, ScenarioState scenario) {
        suite.steps().stream().flatMap(step -> step.checks().stream())
                .forEach(spec -> run.registry().find(spec.type()).ifPresent(type -> type.prepare(spec, scenario.checks())));
    }

    /** Whether this suite's lines may interleave with another's, so each needs its suite's name. */
    private boolean sideBySide(TollgateExecutionContext.RunSettings run) {
        return run.configuration().parallel() && getParent().map(parent -> parent.getChildren().size() > 1).orElse(false);
    }

    List<Step> steps() {
        return suite.steps();
    }
}
