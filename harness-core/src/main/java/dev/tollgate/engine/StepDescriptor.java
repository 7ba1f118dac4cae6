package dev.tollgate.engine;

import java.util.List;
import java.util.Set;

import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.hierarchical.Node;

import dev.tollgate.check.Status;
import dev.tollgate.model.Step;
import dev.tollgate.model.Suite;
import dev.tollgate.model.Variables;

/**
 * A step as a test. Its unique id is the step's own {@code id:} or its line, never its index, so
 * ids survive edits elsewhere in the file. After a failed lifecycle step the rest is skipped, with
 * the reason.
 */
final class StepDescriptor extends AbstractTestDescriptor implements Node<TollgateExecutionContext> {

    static final String SEGMENT = "step";

    private final Suite suite;
    private final Step step;
    private final Set<TestTag> tags;

    StepDescriptor(UniqueId uniqueId, Suite suite, Step step, Set<TestTag> tags, Variables names) {
        super(uniqueId, displayName(step, names), FileSource.from(step.position().file().toFile(),
                FilePosition.from(step.position().line(), step.position().column())));
        this.suite = suite;
        this.step = step;
        this.tags = Set.copyOf(tags);
    }

    private static String displayName(Step step, Variables names) {
        try {
            return names.resolve(step.displayName());
        } catch (Variables.UndefinedVariableException e) {
            return step.displayName();  // a value captured at run time: show the placeholder
        }
    }

    Step step() {
        return step;
    }

    static String segmentOf(Step step) {
        return step.id() != null ? step.id() : "line-" + step.position().line();
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    @Override
    public Set<TestTag> getTags() {
        return tags;
    }

    /** The steps of a scenario build on each other: one after another, on the suite's thread. */
    @Override
    public ExecutionMode getExecutionMode() {
        return ExecutionMode.SAME_THREAD;
    }

    @Override
    public SkipResult shouldBeSkipped(TollgateExecutionContext context) {
        return context.scenario().abortReason().map(SkipResult::skip).orElse(SkipResult.doNotSkip());
    }

    @Override
    public void nodeSkipped(TollgateExecutionContext context, TestDescriptor descriptor, SkipResult result) {
        context.run().recorder().stepFinished(suite, getUniqueId().getLastSegment().getValue(), getDisplayName(), step,
                Status.SKIPPED, result.getReason().orElse("skipped"), 0, List.of());
    }

    @Override
    public TollgateExecutionContext execute(TollgateExecutionContext context, DynamicTestExecutor dynamic) {
        new StepExecutor(context.run(), context.scenario()).execute(suite, step, getUniqueId().getLastSegment().getValue());
        return context;
    }
}
