package dev.tollgate.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.tollgate.api.Constants;
import dev.tollgate.gate.Gate;
import dev.tollgate.gate.GateRules;
import dev.tollgate.gate.Verdict;
import dev.tollgate.report.RunRecord;
import dev.tollgate.runtime.compose.DockerEngine;

/**
 * An upgrade rehearsal on the quickstart profile records the image each release ran, as the Docker
 * engine reports it (the reports module writes them into release-readiness.json): the verdict names
 * the exact bits it judged, as a local run's artifact checksums do.
 */
class QuickstartImagesTest {

    @Test
    void aQuickstartRunRecordsEachReleasesImageId(@TempDir Path evidence) throws Exception {
        assumeTrue(DockerEngine.unavailableReason().isEmpty(), "no Docker engine answers here");

        LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build())
                .execute(LauncherDiscoveryRequestBuilder.request()
                        .selectors(selectFile(GateRehearsal.SUITES.resolve("upgrade-from-previous.suite.yaml").toFile()))
                        .filters(EngineFilter.includeEngines("tollgate"))
                        .configurationParameter(Constants.PROFILE, "quickstart")
                        .configurationParameter(Constants.PREVIOUS, "1.0.0")
                        .configurationParameter(Constants.CANDIDATE, "1.1.0")
                        .configurationParameter(Constants.EVIDENCE_DIR, evidence.toString()).build());

        RunRecord run = new ObjectMapper().registerModule(new JavaTimeModule()).readValue(evidence.resolve("run.json").toFile(),
                RunRecord.class);
        assertEquals(Verdict.GO, Gate.evaluate(run, GateRules.defaults(), List.of(), LocalDate.now()).verdict());
        List<RunRecord.Image> images = run.environment().images();
        assertEquals(List.of("1.0.0 previous app tollgate/sample-app:1.0.0", "1.1.0 candidate app tollgate/sample-app:1.1.0"),
                images.stream().map(image -> image.release() + " " + image.role() + " " + image.service() + " " + image.reference())
                        .toList());
        assertEquals(imageId("tollgate/sample-app:1.0.0"), images.get(0).id());
        assertEquals(imageId("tollgate/sample-app:1.1.0"), images.get(1).id());
    }

    private static String imageId(String image) throws Exception {
        Process process = new ProcessBuilder("docker", "image", "inspect", "--format", "{{.Id}}", image).start();
        String id = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        process.waitFor();
        return id;
    }
}
