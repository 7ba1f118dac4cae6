package dev.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** When the report starts ahead: the first moment a suite thread is idle while another suite still runs. */
class ReportAheadTest {

    @Test
    void startsWhenASuiteEndsAfterTheLastStartedAndAnotherStillRuns() {
        AtomicInteger starts = new AtomicInteger();
        ReportAhead ahead = new ReportAhead(starts::incrementAndGet);
        ahead.planned(5);
        ahead.suiteStarted();
        ahead.suiteStarted();
        ahead.suiteFinished();
        ahead.suiteStarted();
        ahead.suiteFinished();
        ahead.suiteStarted();
        ahead.suiteFinished();
        ahead.suiteStarted();  // the last one
        assertEquals(0, starts.get(), "suites are still waiting for a thread");
        ahead.suiteFinished();
        assertEquals(1, starts.get(), "a thread is idle and the last suite runs");
        ahead.suiteFinished();
        assertEquals(1, starts.get(), "once");
    }

    @Test
    void suitesOneByOneOrASingleSuiteHaveNoSuchMoment() {
        AtomicInteger starts = new AtomicInteger();
        ReportAhead oneByOne = new ReportAhead(starts::incrementAndGet);
        oneByOne.planned(3);
        for (int suite = 0; suite < 3; suite++) {
            oneByOne.suiteStarted();
            oneByOne.suiteFinished();
        }
        ReportAhead single = new ReportAhead(starts::incrementAndGet);
        single.planned(1);
        single.suiteStarted();
        single.suiteFinished();
        assertEquals(0, starts.get(), "the report starts when it is needed, as before");
    }
}
