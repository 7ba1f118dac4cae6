package dev.tollgate.suites;

import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;
import org.junit.platform.suite.api.SuiteDisplayName;

/**
 * Runs the YAML suites of {@code src/suites} on the Tollgate engine under Failsafe. Which suites
 * run is chosen by tag through the Maven profile ({@code -Pupgrade} selects {@code upgrade}).
 */
@Suite
@SuiteDisplayName("Tollgate rehearsal")
@IncludeEngines("tollgate")
@SelectDirectories("src/suites")
class ReleaseRehearsalIT {
}
