package dev.tollgate.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tollgate.api.Constants;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.junitplatform.AllureJunitPlatform;

/**
 * The Allure report as a person sees it: a small real rehearsal (the Tollgate engine on the sample
 * service, with one failing check), the release-readiness step that generates the report with the
 * Allure command line, the report served over HTTP and opened in headless Chromium: the overview
 * shows the verdict by area (Tollgate's Allure plugin, see VerdictWidget). The screenshots are kept
 * in {@code target/allure-browser-test/}. Skipped where Chromium is not installed.
 */
class AllureReportInBrowserTest {

    private static final Path OUT = Path.of("target", "allure-browser-test").toAbsolutePath();

    @TempDir
    Path work;

    @Test
    void reportOfARealRehearsalShowsSuitesStepsAttachmentsCategoriesAndTrendWithoutConsoleErrors() throws Exception {
        Optional<Path> chromium = HeadlessChromium.find();
        assumeTrue(chromium.isPresent(), "Chromium is not installed, so the Allure report is not opened in a browser:"
                + " apt-get install chromium (.ci/run does), or -Dtollgate.chromium=/path/to/chrome");
        Path home = Path.of(System.getProperty("allure.home", "target/allure-commandline/none"));
        assertTrue(Files.isDirectory(home.resolve("lib")), "the Allure command line is not unpacked at " + home
                + "; run the reports module's build (maven-dependency-plugin unpacks it)");

        Path results = work.resolve("allure-results");
        Path evidence = work.resolve("tollgate");
        rehearse(results, evidence);
        Path report = OUT.resolve("allure-report");
        // Twice, as two builds would: the second carries the first one's history, so the trend has two points.
        assertEquals(0, releaseReadiness(home, results, evidence, report));
        String output = releaseReadiness(home, results, evidence, report) == 0 ? out.toString(StandardCharsets.UTF_8) : "";
        assertTrue(output.contains("Allure report generated in") && output.contains("allure-report/index.html"), output);
        JsonNode readiness = ReadinessJson.JSON.readTree(work.resolve("out/release-readiness.json").toFile());
        assertEquals("NO-GO", readiness.get("verdict").asText());
        JsonNode trend = ReadinessJson.JSON.readTree(report.resolve("widgets/history-trend.json").toFile());
        assertEquals(2, trend.size(), "history carried from the previous report: " + trend);
        assertTrue(Files.readString(results.resolve("environment.properties")).contains("Candidate\\ release=1.1.0-bad-version"));

        JsonNode failed = failedTest(report);
        try (ReportServer server = ReportServer.serve(report);
                HeadlessChromium browser = HeadlessChromium.start(chromium.get(), work.resolve("chromium-profile"));
                DevTools page = DevTools.connect(browser.devToolsPort())) {
            page.send("Runtime.enable", Map.of());
            page.send("Log.enable", Map.of());
            page.send("Page.enable", Map.of());
            page.send("Emulation.setDeviceMetricsOverride", Map.of("width", 1400, "height", 1000, "deviceScaleFactor", 1,
                    "mobile", false));

            page.send("Page.navigate", Map.of("url", server.url("index.html")));
            page.await("document.body.innerText.includes('ENVIRONMENT') && document.body.innerText.includes('allure-demo')",
                    "the overview with its environment and suites");
            String overview = page.evaluate("document.body.innerText").asText();
            assertTrue(overview.contains("NO-GO") && overview.contains("1.1.0-bad-version") && overview.contains("PostgreSQL"),
                    overview);
            // The verdict by area, on the overview: the Tollgate plugin's widget, first in the first column.
            page.await("document.querySelector('.tollgate-verdict__badge') !== null", "the release-readiness widget");
            assertEquals("NO-GO", page.evaluate("document.querySelector('.tollgate-verdict__badge').innerText").asText());
            String widget = page.evaluate("document.querySelector('.tollgate-verdict').closest('.widget').innerText").asText();
            assertEquals("Release readiness", page.evaluate("document.querySelector('.tollgate-verdict .widget__title').textContent")
                    .asText());
            assertTrue(widget.contains("1.0.0 → 1.1.0-bad-version on local"), widget);
            assertTrue(readiness.get("areas").size() > 1, readiness.toPrettyString());
            for (JsonNode area : readiness.get("areas")) {
                assertTrue(widget.contains(area.get("label").asText()), "area " + area.get("label") + " in " + widget);
            }
            assertEquals(readiness.get("areas").size(), page.evaluate("document.querySelectorAll('.tollgate-verdict__area').length")
                    .asInt(), "one row per area");
            assertTrue(widget.contains(readiness.get("reasons").get(0).asText().lines().findFirst().orElseThrow()), widget);
            assertTrue(page.evaluate("Array.from(document.querySelectorAll('.tollgate-verdict__area_failed'))"
                    + ".map(row => row.innerText).join('\\n')").asText().contains("failed"), "the failed area is marked failed");
            assertTrue(page.evaluate("document.querySelector('.widgets-grid__col .widget')"
                    + ".querySelector('.tollgate-verdict') !== null").asBoolean(), "the verdict is the first widget");
            screenshot(page, "overview.png");

            page.send("Page.navigate", Map.of("url", server.url("index.html#suites/" + failed.path("parentUid").asText()
                    + "/" + failed.path("uid").asText() + "/")));
            page.await("document.querySelectorAll('.step__title_hasContent').length > 0", "the failed step's checks");
            // Clicking a step's title toggles it: open only the closed ones, so every check shows its attachments.
            page.evaluate("document.querySelectorAll('.step:not(.step_expanded) > .step__title_hasContent')"
                    + ".forEach(title => title.click())");
            page.await("Array.from(document.querySelectorAll('.attachment-row')).some(row => row.offsetParent !== null)",
                    "the checks' attachments");
            page.evaluate("Array.from(document.querySelectorAll('.attachment-row'))"
                    + ".find(row => row.innerText.includes('GET /api/v1/version')).click()");
            page.await("document.querySelector('.attachment-row_selected') !== null", "an attachment's content");
            Thread.sleep(500);  // the attachment's content loads with one more request
            screenshot(page, "suite.png");
            String suite = page.evaluate("document.body.innerText").asText();
            assertTrue(suite.contains("allure-demo") && suite.contains("upgrade 1.1.0-bad-version"), suite);
            assertTrue(suite.contains("version: expected the service to report release '1.1.0-bad-version'"), suite);
            assertTrue(suite.contains("GET /api/v1/version") && suite.contains("service log"), suite);

            page.send("Page.navigate", Map.of("url", server.url("index.html#categories")));
            page.await("document.body.innerText.includes('Version')", "the failure under its category");
            screenshot(page, "categories.png");

            assertEquals(List.of(), page.consoleErrors(), "the browser console shows errors");
        }
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int releaseReadiness(Path home, Path results, Path evidence, Path report) {
        out.reset();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        return ReadinessReport.run(new String[] {"--root=" + work, "--run=" + evidence.resolve("run.json"),
            "--out=" + work.resolve("out"), "--gate=report-only", "--previous=1.0.0", "--candidate=1.1.0-bad-version",
            "--profile=local", "--allure-home=" + home, "--allure-results=" + results, "--allure-report=" + report,
            "--allure-history=" + work.resolve("history")}, print, print);
    }

    /** The engine on a small suite, with Allure's JUnit Platform listener writing to {@code results} only. */
    private static void rehearse(Path results, Path evidence) throws URISyntaxException {
        AllureLifecycle outer = Allure.getLifecycle();
        AllureLifecycle lifecycle = new AllureLifecycle(new FileSystemResultsWriter(results));
        Allure.setLifecycle(lifecycle);  // the engine's evidence goes to the lifecycle of the running test
        try {
            Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                    .enableTestExecutionListenerAutoRegistration(false)
                    .addTestExecutionListeners(new AllureJunitPlatform(lifecycle)).build());
            SummaryGeneratingListener summary = new SummaryGeneratingListener();
            Path suite = Path.of(AllureReportInBrowserTest.class.getResource("/allure-demo/allure-demo.suite.yaml").toURI());
            launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectFile(suite.toFile()))
                    .filters(EngineFilter.includeEngines("tollgate"))
                    .configurationParameter(Constants.PREVIOUS, "1.0.0")
                    .configurationParameter(Constants.CANDIDATE, "1.1.0-bad-version")
                    .configurationParameter(Constants.EVIDENCE_DIR, evidence.toString()).build(), summary);
            assertEquals(4, summary.getSummary().getTestsStartedCount(), "the demo rehearsal ran its 4 steps");
            assertEquals(1, summary.getSummary().getTestsFailedCount(), "the version check after the upgrade fails");
        } finally {
            Allure.setLifecycle(outer);
        }
    }

    private static JsonNode failedTest(Path report) throws IOException {
        JsonNode suites = ReadinessJson.JSON.readTree(report.resolve("data/suites.json").toFile());
        return find(suites).orElseThrow(() -> new AssertionError("no failed test in " + report.resolve("data/suites.json")));
    }

    private static Optional<JsonNode> find(JsonNode node) {
        if ("failed".equals(node.path("status").asText())) {
            return Optional.of(node);
        }
        for (JsonNode child : node.path("children")) {
            Optional<JsonNode> found = find(child);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static void screenshot(DevTools page, String name) throws IOException {
        String png = page.send("Page.captureScreenshot", Map.of("format", "png")).path("data").asText();
        Files.createDirectories(OUT);
        Files.write(OUT.resolve(name), Base64.getDecoder().decode(png));
    }
}
