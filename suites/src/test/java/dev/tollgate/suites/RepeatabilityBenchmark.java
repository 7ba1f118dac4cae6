package dev.tollgate.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.tollgate.gate.AreaStatus;
import dev.tollgate.gate.Verdict;

/**
 * No false alarms, the full form: {@code -Dtollgate.repeat} (default 10) consecutive release-gate
 * rehearsals (all five suites) of {@code 1.0.0 → 1.1.0} all GO, and of each bad candidate all NO-GO
 * with its defect in its area. {@code -Dtollgate.repeat.candidates=1.1.0,1.1.0-bad-health} limits the
 * candidates. Prints a table and writes {@code suites/target/bench/repeatability.json}; it asserts
 * verdicts, never times. Run with
 * {@code mvn -B verify -Pbench -pl suites -am -Dtest=RepeatabilityBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class RepeatabilityBenchmark {

    private static final int REPEAT = Integer.getInteger("tollgate.repeat", 10);

    @TempDir
    Path evidence;

    @Test
    void everyCandidateGetsTheSameVerdictEveryTime() throws Exception {
        List<String> candidates = new ArrayList<>(List.of("1.1.0"));
        candidates.addAll(RepeatabilityTest.DEFECT_AREA.keySet());
        String only = System.getProperty("tollgate.repeat.candidates", "");
        if (!only.isBlank()) {
            candidates.retainAll(Arrays.asList(only.split(",")));
        }
        List<Map<String, Object>> figures = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (String candidate : candidates) {
            Verdict expected = candidate.equals("1.1.0") ? Verdict.GO : Verdict.NO_GO;
            Map<String, Integer> verdicts = new TreeMap<>();
            List<Double> seconds = new ArrayList<>();
            int asExpected = 0;
            for (int run = 1; run <= REPEAT; run++) {
                GateRehearsal.Outcome outcome = GateRehearsal.releaseGate(candidate,
                        GateRehearsal.evidence(evidence, candidate + "-" + run));
                seconds.add(outcome.took().toMillis() / 1000.0);
                verdicts.merge(outcome.result().verdict().name(), 1, Integer::sum);
                boolean right = outcome.suites() == 5 && outcome.result().verdict() == expected && (expected == Verdict.GO
                        || outcome.result().area(RepeatabilityTest.DEFECT_AREA.get(candidate)).status() == AreaStatus.FAILED);
                if (right) {
                    asExpected++;
                } else {
                    wrong.add(candidate + " run " + run + ": " + outcome.result().verdict() + " " + outcome.result().reasons());
                }
                System.out.printf(Locale.ROOT, "[tollgate] repeatability %s run %d of %d: %s in %.1fs%n", candidate, run, REPEAT,
                        outcome.result().verdict(), seconds.get(seconds.size() - 1));
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("candidate", candidate);
            row.put("expected", expected.name());
            row.put("area", expected == Verdict.GO ? "" : RepeatabilityTest.DEFECT_AREA.get(candidate).name());
            row.put("runs", REPEAT);
            row.put("asExpected", asExpected);
            row.put("verdicts", verdicts);
            row.put("meanSeconds", seconds.stream().mapToDouble(Double::doubleValue).average().orElse(0));
            row.put("maxSeconds", seconds.stream().mapToDouble(Double::doubleValue).max().orElse(0));
            figures.add(row);
        }
        System.out.printf(Locale.ROOT, "repeatability: %d consecutive -Prelease-gate rehearsals (5 suites) per candidate on local%n", REPEAT);
        System.out.printf(Locale.ROOT, "  %-34s %-7s %-16s %5s %9s %8s%n", "candidate", "expect", "area", "right", "mean s", "max s");
        for (Map<String, Object> row : figures) {
            System.out.printf(Locale.ROOT, "  %-34s %-7s %-16s %2d/%-2d %9.1f %8.1f%n", row.get("candidate"), row.get("expected"),
                    row.get("area"), row.get("asExpected"), row.get("runs"), row.get("meanSeconds"), row.get("maxSeconds"));
        }
        Path out = Path.of("target", "bench", "repeatability.json");
        Files.createDirectories(out.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), figures);
        System.out.println("  written to " + out.toAbsolutePath());
        assertEquals(List.of(), wrong, "runs whose verdict was not the expected one");
    }
}
