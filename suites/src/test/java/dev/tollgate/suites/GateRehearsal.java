package dev.tollgate.suites;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import dev.tollgate.api.Constants;
import dev.tollgate.gate.Gate;
import dev.tollgate.gate.GateResult;
import dev.tollgate.gate.GateRules;
import dev.tollgate.report.RunRecord;
import dev.tollgate.report.RunRecordJson;

/**
 * One real rehearsal through the JUnit Platform launcher, as Failsafe runs it, judged by the gate as
 * the reports module judges it: the suites tagged {@code release-gate} (what {@code -Prelease-gate}
 * runs) or named suite files, on the local profile, with its own evidence directory.
 */
final class GateRehearsal {

    static final Path SUITES = Path.of("src/suites").toAbsolutePath();

    /**
     * The verdict of one rehearsal, how many suites it ran and how long it took; and the verdict on the
     * same record with every message withheld ({@link MessageBlindRun}), which must be the same.
     */
    record Outcome(String candidate, int suites, GateResult result, GateResult messageBlind, Duration took) {
    }

    private GateRehearsal() {
    }

    /** All five suites, selected by tag as {@code -Prelease-gate} selects them. */
    static Outcome releaseGate(String candidate, Path evidence) {
        return run(candidate, evidence, List.of(selectDirectory(SUITES.toFile())), true);
    }

    /** Only the named suites (file names under {@code src/suites}). */
    static Outcome suites(String candidate, Path evidence, List<String> suiteFiles) {
        return files(candidate, evidence, suiteFiles.stream().map(SUITES::resolve).toList());
    }

    /** Only these suite files. */
    static Outcome files(String candidate, Path evidence, List<Path> suiteFiles) {
        return run("1.0.0", candidate, evidence, suiteFiles.stream().map(file -> (DiscoverySelector) selectFile(file.toFile())).toList(),
                false);
    }

    /** Only these suite files, on another profile than local ({@code quickstart}). */
    static Outcome filesOn(String profile, String candidate, Path evidence, List<Path> suiteFiles) {
        LauncherDiscoveryRequestBuilder request = request("1.0.0", candidate, evidence,
                suiteFiles.stream().map(file -> (DiscoverySelector) selectFile(file.toFile())).toList())
                .configurationParameter(Constants.PROFILE, profile);
        return launch(candidate, evidence, request);
    }

    /** Only the named suites, from another previous release than 1.0.0. */
    static Outcome suites(String previous, String candidate, Path evidence, List<String> suiteFiles) {
        return run(previous, candidate, evidence, suiteFiles.stream()
                .map(file -> (DiscoverySelector) selectFile(SUITES.resolve(file).toFile())).toList(), false);
    }

    private static Outcome run(String candidate, Path evidence, List<DiscoverySelector> selectors, boolean byTag) {
        return run("1.0.0", candidate, evidence, selectors, byTag);
    }

    private static Outcome run(String previous, String candidate, Path evidence, List<DiscoverySelector> selectors,
            boolean byTag) {
        LauncherDiscoveryRequestBuilder request = request(previous, candidate, evidence, selectors);
        if (byTag) {
            request.filters(TagFilter.includeTags("release-gate"));
        }
        return launch(candidate, evidence, request);
    }

    private static LauncherDiscoveryRequestBuilder request(String previous, String candidate, Path evidence,
            List<DiscoverySelector> selectors) {
        return LauncherDiscoveryRequestBuilder.request().selectors(selectors)
                .filters(EngineFilter.includeEngines("tollgate"))
                .configurationParameter(Constants.PREVIOUS, previous)
                .configurationParameter(Constants.CANDIDATE, candidate)
                .configurationParameter(Constants.EVIDENCE_DIR, evidence.toString());
    }

    private static Outcome launch(String candidate, Path evidence, LauncherDiscoveryRequestBuilder request) {
        long started = System.nanoTime();
        LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build())
                .execute(request.build());
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        RunRecord run = RunRecordJson.read(evidence.resolve("run.json"));
        return new Outcome(candidate, run.suites().size(), judge(run), judge(MessageBlindRun.of(run)), took);
    }

    private static GateResult judge(RunRecord run) {
        return Gate.evaluate(run, GateRules.defaults(), List.of(), LocalDate.now());
    }

    /** A fresh evidence directory for one run under {@code parent}. */
    static Path evidence(Path parent, String name) {
        try {
            return Files.createDirectories(parent.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
