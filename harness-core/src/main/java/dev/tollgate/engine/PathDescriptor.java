package dev.tollgate.engine;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;

import dev.tollgate.model.UpgradePath;

/**
 * One upgrade path of a matrix as a container of its suites: the suites below it rehearse its
 * previous release, each in its own environment, and record into the path's own recorder.
 */
final class PathDescriptor extends AbstractTestDescriptor implements Node<TollgateExecutionContext> {

    static final String SEGMENT = "path";

    private final UpgradePath path;

    PathDescriptor(UniqueId parent, UpgradePath path) {
        super(parent.append(SEGMENT, String.join(",", path.releases())), path.describe());
        this.path = path;
    }

    UpgradePath path() {
        return path;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    /** Paths share nothing but the run's record: their suites run side by side as cores allow. */
    @Override
    public ExecutionMode getExecutionMode() {
        return ExecutionMode.CONCURRENT;
    }

    @Override
    public TollgateExecutionContext before(TollgateExecutionContext context) {
        return context.withRun(((TollgateEngineDescriptor) getParent().orElseThrow()).runOf(path));
    }
}
