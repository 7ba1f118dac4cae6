package dev.tollgate.engine;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.hierarchical.Node;

import dev.tollgate.check.RuntimeCheckContext;
import dev.tollgate.load.Variables;
import dev.tollgate.model.Step;
import dev.tollgate.model.Suite;
import dev.tollgate.runtime.Runtimes;
import dev.tollgate.runtime.SystemUnderTest;

/**
 * A suite as a container. Its unique id is the suite file's URI, so a re-run from an IDE finds it
 * again; it gets its own deployment when it starts and removes it when it ends.
 */
final class SuiteDescriptor extends AbstractTestDescriptor implements Node<TollgateExecutionContext> {

    static final String SEGMENT = "suite";

    private final Suite suite;
    // When the suite started, for its closing progress line; suites of a run run one after another.
    private volatile long started;

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
        for (Step step : suite.steps()) {
            StepDescriptor child = new StepDescriptor(descriptor.getUniqueId().append(StepDescriptor.SEGMENT,
                    StepDescriptor.segmentOf(step)), suite, step, descriptor.getTags(), names);
            descriptor.addChild(child);
            if (child.getUniqueId().getLastSegment().getValue().equals(upToStep)) {
                break;
            }
        }
        return descriptor;
    }

    Suite suite() {
        return suite;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
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
        SystemUnderTest runtime = Runtimes.start(run.profile(), run.variables(), run.configuration().workDir(),
                run.configuration().evidenceDir(), run.progress());
        if (runtime.hasDatabase()) {
            run.recorder().databaseStarted(runtime.database());
        }
        ScenarioState scenario = new ScenarioState(runtime, new RuntimeCheckContext(run.profile(), runtime, run.variables(),
                run.configuration().evidenceDir(), run.configuration().allowDestructive()));
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
        return context.withScenario(scenario);
    }

    @Override
    public void after(TollgateExecutionContext context) {
        TollgateExecutionContext.RunSettings run = context.run();
        try {
            if (context.scenario().system().hasDatabase()) {
                run.recorder().suiteEnded(suite, context.scenario().system().database());
            }
        } finally {
            context.scenario().close();
        }
        run.progress().report(String.format("suite %s done: %s (%.1fs)", suite.name(),
                run.recorder().summary(List.of(suite)), (System.nanoTime() - started) / 1e9));
    }

    List<Step> steps() {
        return suite.steps();
    }
}
