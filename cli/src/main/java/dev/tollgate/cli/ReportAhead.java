package dev.tollgate.cli;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Starts what the report needs ({@link dev.tollgate.reports.AllureAhead}) as soon as a suite thread
 * has nothing left to run while another suite still runs: every suite has started, one has just
 * ended and another has not. The report's start then takes a core the rehearsal leaves free, and
 * the verdict does not wait for it at the end. A run of one suite, or of suites one by one, has no
 * such moment, and starts the report when it needs it, as before.
 */
final class ReportAhead implements TestExecutionListener {

    private final Runnable start;
    private int suites;
    private int started;
    private int running;
    private boolean done;

    ReportAhead(Runnable start) {
        this.start = start;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        planned((int) plan.getRoots().stream().flatMap(root -> plan.getDescendants(root).stream())
                .filter(ReportAhead::isSuite).count());
    }

    @Override
    public void executionStarted(TestIdentifier identifier) {
        if (isSuite(identifier)) {
            suiteStarted();
        }
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        if (isSuite(identifier)) {
            suiteFinished();
        }
    }

    synchronized void planned(int suites) {
        this.suites = suites;
    }

    synchronized void suiteStarted() {
        started++;
        running++;
    }

    void suiteFinished() {
        synchronized (this) {
            running--;
            if (done || started < suites || running == 0) {
                return;
            }
            done = true;
        }
        start.run();
    }

    private static boolean isSuite(TestIdentifier identifier) {
        return SuiteNameFilter.SUITE_SEGMENT.equals(identifier.getUniqueIdObject().getLastSegment().getType());
    }
}
