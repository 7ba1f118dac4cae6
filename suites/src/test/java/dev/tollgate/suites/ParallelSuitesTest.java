package dev.tollgate.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.testkit.engine.EngineTestKit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.tollgate.gate.Gate;
import dev.tollgate.gate.GateResult;
import dev.tollgate.gate.GateRules;
import dev.tollgate.gate.Verdict;
import dev.tollgate.report.RunRecord;

/**
 * Two shipped suites on the local profile, by the real engine, once side by side and once one by
 * one: side by side they overlap in time, each in its own database and service, and every step,
 * check and the verdict come out as they do one by one.
 */
class ParallelSuitesTest {

    private static final Path SUITES = Path.of("src/suites").toAbsolutePath();
    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    @TempDir
    Path work;

    @ParameterizedTest(name = "candidate {0}")
    @ValueSource(strings = {"1.1.0", "1.1.0-bad-version"})
    void suitesSideBySideOverlapAndFindWhatTheyFindOneByOne(String candidate) throws Exception {
        Run parallel = run(candidate, true);
        Run sequential = run(candidate, false);

        RunRecord.SuiteTiming a = parallel.record().suites().get(0).timing();
        RunRecord.SuiteTiming b = parallel.record().suites().get(1).timing();
        assertTrue(a.startedAt().isBefore(b.finishedAt()) && b.startedAt().isBefore(a.finishedAt()),
                "side by side, the suites overlap in time: " + a + " and " + b + "\n" + parallel.output());
        RunRecord.SuiteTiming c = sequential.record().suites().get(0).timing();
        RunRecord.SuiteTiming d = sequential.record().suites().get(1).timing();
        assertTrue(!d.startedAt().isBefore(c.finishedAt()), "one by one, the second starts after the first ended: " + c + ", " + d);

        assertEquals(outcomes(sequential.record()), outcomes(parallel.record()));
        GateResult inOrder = verdict(sequential.record());
        GateResult sideBySide = verdict(parallel.record());
        assertEquals(inOrder.verdict(), sideBySide.verdict());
        assertEquals(inOrder.reasons(), sideBySide.reasons());
        if (!candidate.equals("1.1.0")) {
            assertEquals(Verdict.NO_GO, sideBySide.verdict(), "a wrong version is found side by side too");
        }

        // Interleaved progress lines stay readable: each line of a suite's steps names its suite.
        assertTrue(parallel.output().lines().anyMatch(line -> line.contains("] health-version │ ") && line.contains("check health, ready, version")),
                parallel.output());
        assertTrue(parallel.output().lines().anyMatch(line -> line.contains("] clean-install │ ") && line.contains("install " + candidate)),
                parallel.output());
    }

    private record Run(RunRecord record, String output) {
    }

    private Run run(String candidate, boolean parallel) throws Exception {
        Path evidence = work.resolve(parallel ? "parallel" : "sequential");
        Map<String, String> configuration = new HashMap<>(Map.of(
                "tollgate.candidate", candidate,
                "tollgate.evidence.dir", evidence.toString(),
                "tollgate.parallel.enabled", Boolean.toString(parallel),
                // Two at a time even on a one-core machine, so the overlap is what is tested.
                "tollgate.parallel.config.strategy", "fixed",
                "tollgate.parallel.config.fixed.parallelism", "2"));
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            EngineTestKit.engine("tollgate").configurationParameters(configuration)
                    .selectors(selectFile(SUITES.resolve("health-version.suite.yaml").toFile()),
                            selectFile(SUITES.resolve("clean-install.suite.yaml").toFile()))
                    .execute();
        } finally {
            System.setOut(console);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        console.print(output);
        return new Run(JSON.readValue(evidence.resolve("run.json").toFile(), RunRecord.class), output);
    }

    /** Each suite's steps and checks with their outcomes and messages, suites by name; ports and times left out. */
    private static Map<String, List<String>> outcomes(RunRecord record) {
        return record.suites().stream().sorted(Comparator.comparing(RunRecord.SuiteRecord::name)).collect(Collectors.toMap(
                RunRecord.SuiteRecord::name,
                suite -> suite.steps().stream().flatMap(step -> java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(step.id() + " " + step.status()),
                        step.checks().stream().map(check -> "  " + check.type() + " " + check.status() + " "
                                + check.message().replaceAll("\\d+ lines|127\\.0\\.0\\.1:\\d+", "…"))))
                        .toList()));
    }

    private static GateResult verdict(RunRecord record) {
        return Gate.evaluate(record, GateRules.defaults(), List.of(), LocalDate.now());
    }
}
