package dev.tollgate.suites;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The guides' "plan a maintenance window if you cannot tolerate a brief write interruption": a real
 * upgrade of the sample service on the local profile (one instance, stopped and then started) leaves
 * it unreachable for a measured while, which {@code availability} holds against what is tolerated.
 */
class UpgradeWindowTest {

    @TempDir
    Path dir;

    @Test
    void anUpgradeThatInterruptsTheServiceLongerThanToleratedFailsWithTheMeasuredWindow() throws Exception {
        Path suite = Files.writeString(dir.resolve("window.suite.yaml"), """
                suite: upgrade-window
                tags: [upgrade]
                scenario:
                  - install: ${previous}
                  - id: too-early
                    check: { availability: { unavailableAtMost: 0s } }
                  - upgrade: ${candidate}
                  - id: no-interruption-tolerated
                    check: { availability: { unavailableAtMost: 0s } }
                  - id: a-minute-tolerated
                    check: { availability: { unavailableAtMost: 60s } }
                """);

        EngineTestKit.engine("tollgate").configurationParameters(Map.of("tollgate.candidate", "1.1.0"))
                .selectors(selectFile(suite.toFile())).execute().testEvents().assertThatEvents()
                .haveExactly(1, event(test("step:no-interruption-tolerated"), finishedWithFailure(message(m -> m.contains(
                        "the upgrade to 1.1.0 left the service unavailable for ") && m.contains(" s (one instance: stopped, then"
                                + " started until it answered); at most 0 ms is tolerated (unavailableAtMost): plan a maintenance"
                                + " window")))))
                .haveExactly(1, event(test("step:a-minute-tolerated"), finishedSuccessfully()))
                // Before any upgrade there is no window: the check cannot look (broken), it does not pass.
                .haveExactly(0, event(test("step:too-early"), finishedSuccessfully()));
    }
}
