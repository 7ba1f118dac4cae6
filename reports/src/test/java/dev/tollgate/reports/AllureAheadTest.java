package dev.tollgate.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Allure command line started ahead: the report is made by that process (its log says it warmed
 * up first), with the run's results and Tollgate's plugin configuration; and a process ahead that no
 * report asks for ends when its input closes, leaving no warm-up files behind.
 */
class AllureAheadTest {

    private static final Path HOME = Path.of(System.getProperty("allure.home", "target/allure-commandline/none")).toAbsolutePath();

    @TempDir
    Path work;

    @Test
    void theReportIsMadeByTheProcessStartedAhead() throws Exception {
        assertTrue(Files.isDirectory(HOME.resolve("lib")), "the Allure command line is not unpacked at " + HOME);
        Path log = work.resolve("allure-report.log");
        AllureAhead.start(HOME, log);
        Path results = Files.createDirectories(work.resolve("allure-results"));
        Files.writeString(results.resolve("one-result.json"), "{\"uuid\":\"one\",\"name\":\"install 1.1.0\",\"status\":\"passed\","
                + "\"start\":1,\"stop\":2,\"attachments\":[{\"name\":\"log\",\"source\":\"one-attachment.txt\",\"type\":\"text/plain\"}]}");
        Files.writeString(results.resolve("one-attachment.txt"), "release 1.1.0 up");
        Path report = work.resolve("allure-report");

        AllureCommandLine.generate(HOME, results, report, log, VerdictWidget.allureConfig(HOME, Files.createDirectories(
                work.resolve("plugins"))));

        assertTrue(Files.isRegularFile(report.resolve("index.html")));
        assertTrue(Files.readString(report.resolve("data/suites.json")).contains("install 1.1.0"), "the run's result is in the report");
        assertTrue(Files.isRegularFile(report.resolve("data/behaviors.json")), "the Behaviors tab (tags) stays");
        assertFalse(Files.exists(report.resolve("data/packages.json")), "no Packages tab: no step has a Java package");
        String output = Files.readString(log);
        assertTrue(output.contains("made ahead") && output.contains("Report successfully generated to " + report), output);
        assertEquals(Optional.empty(), AllureAhead.take(HOME, log), "handed over once");
    }

    @Test
    void aProcessAheadThatNoReportAsksForEndsWithItsInput() throws Exception {
        assertTrue(Files.isDirectory(HOME.resolve("lib")), "the Allure command line is not unpacked at " + HOME);
        List<Path> before = warmUps();
        Path log = work.resolve("unused.log");
        AllureAhead.start(HOME, log);
        AllureAhead.Started ahead = AllureAhead.take(HOME, log).orElseThrow();

        ahead.process().getOutputStream().close();  // what the end of the run that started it does

        assertTrue(ahead.process().waitFor(60, TimeUnit.SECONDS), "the process ahead did not end");
        assertEquals(0, ahead.process().exitValue(), Files.readString(log));
        assertEquals(before, warmUps(), "its warm-up report is deleted");
        assertTrue(!Files.readString(log).contains("Report successfully generated to " + work), "no report of the run");
    }

    private static List<Path> warmUps() throws Exception {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(file -> file.getFileName().toString().startsWith("tollgate-allure-warm-up-")).sorted().toList();
        }
    }
}
