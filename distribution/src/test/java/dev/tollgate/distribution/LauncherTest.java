package dev.tollgate.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution's launcher, {@code bin/tollgate}, with the command line's jar this build made: its
 * class-data archive is written by a run that reaches a verdict (not by a {@code --version}, not
 * kept from a run refused at its options), put in place by the next launch, mapped by later ones (a
 * JVM told {@code -Xshare:on} refuses to start without it), dropped when the jar or the JDK's own
 * archive is newer, and never shows in what a run prints.
 */
class LauncherTest {

    private static final Path ROOT = Path.of(System.getProperty("tollgate.root", "..")).toAbsolutePath().normalize();
    private static final Path LAUNCHER = ROOT.resolve("distribution/src/bin/tollgate");
    private static final Path JAR = ROOT.resolve("cli/target/tollgate.jar");

    @TempDir
    Path home;

    @Test
    void theClassDataArchiveIsWrittenByARunPutInPlaceAndMapped() throws Exception {
        Path jar = Files.copy(JAR, home.resolve("tollgate.jar"));
        Path cache = home.resolve("cache/tollgate");

        Run version = launch(jar, Map.of(), "--version");
        assertEquals(List.of(), written(cache), "only a run writes an archive: a --version loads too little");

        Run refused = launch(jar, Map.of(), "run", "--gate", "nonsense");
        assertEquals(2, refused.exit(), refused.output());
        assertEquals(1, written(cache).size(), "the refused run's JVM wrote one");
        launch(jar, Map.of(), "--version");
        assertEquals(List.of(), archives(cache), "a run that reached no verdict leaves none in place");
        assertEquals(List.of(), written(cache), "and its archive is deleted");

        Run first = smallRun(jar, Map.of());
        assertEquals(1, written(cache).size(), "the run's JVM writes an archive under its pid: " + written(cache));
        Run second = launch(jar, Map.of(), "--version");
        assertEquals(1, archives(cache).size(), "the next launch puts the finished archive in place");
        assertEquals(List.of(), written(cache));

        // -Xshare:on (after the launcher's -Xshare:auto, so it wins) makes a JVM that cannot map the archive fail.
        Run mapped = launch(jar, Map.of("JAVA_OPTS", "-Xshare:on"), "--version");
        for (Run run : List.of(version, first, second, mapped)) {
            assertEquals(0, run.exit(), run.output());
            assertFalse(run.output().contains("cds"), "the JDK's archive messages are not shown:\n" + run.output());
        }
        assertTrue(mapped.output().contains(System.getProperty("tollgate.version", "0.1.0-SNAPSHOT")), mapped.output());

        // A newer jar (an upgrade of Tollgate in place) makes its archive again, at its next run.
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        launch(jar, Map.of(), "--version");
        assertEquals(List.of(), archives(cache), "the archive of the older jar is gone");
    }

    @Test
    void aRemadeJdkArchiveMakesItsOwnAgain() throws Exception {
        // A JDK whose own archive (lib/server/classes.jsa) this test may touch: a java that runs the real one.
        Path jdk = home.resolve("jdk");
        Path java = Files.createDirectories(jdk.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' \"$@\"\n");
        java.toFile().setExecutable(true);
        Path base = Files.createDirectories(jdk.resolve("lib/server")).resolve("classes.jsa");
        Files.writeString(base, "the JDK's archive");
        Files.setLastModifiedTime(base, FileTime.from(Instant.now().minusSeconds(600)));
        Path cache = home.resolve("cache/tollgate");
        Map<String, String> withJdk = Map.of("JAVA_HOME", jdk.toString());
        smallRun(JAR, withJdk);
        launch(JAR, withJdk, "--version");
        assertEquals(1, archives(cache).size(), "in place after a run and a launch");

        Files.setLastModifiedTime(base, FileTime.from(Instant.now().plusSeconds(60)));
        Run run = launch(JAR, withJdk, "--version");
        assertEquals(0, run.exit(), run.output());
        assertEquals(List.of(), archives(cache), "the archive built on the JDK's old one is gone");
    }

    @Test
    void withoutTheArchiveWhenToldSo() throws Exception {
        Run run = launch(JAR, Map.of("TOLLGATE_CDS", "off"), "--version");
        assertEquals(0, run.exit(), run.output());
        assertFalse(Files.exists(home.resolve("cache/tollgate")) && !listing(home.resolve("cache/tollgate")).isEmpty());
    }

    @Test
    void aCommandStartsWithoutInitialisingGroovy() throws Exception {
        // Picocli's default factory would load Groovy's Closure, and with it Groovy's runtime (a tenth of a second).
        Run run = launch(JAR, Map.of("TOLLGATE_CDS", "off", "JAVA_OPTS", "-Xlog:class+init=info"), "--version");
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("picocli.CommandLine"), "the JVM logs the classes it initialises:\n" + run.output());
        assertFalse(run.output().contains("groovy."), "Groovy was initialised at the start of a command");
    }

    private record Run(int exit, String output) {
    }

    /** The release gate's shortest suite, on this checkout's local profile: a run that reaches a verdict. */
    private Run smallRun(Path jar, Map<String, String> environment) throws IOException, InterruptedException {
        Run run = launch(jar, environment, "run", "--suite", "health-version", "--root", ROOT.toString(),
                "--set", "tollgate.sampleApp.jar=" + ROOT.resolve("sample-app/target/sample-app.jar"), "--gate", "report-only",
                "-o", Files.createTempDirectory(home, "out-").toString());
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("Release readiness: "), "a verdict, whichever: " + run.output());
        return run;
    }

    private Run launch(Path jar, Map<String, String> environment, String... arguments) throws IOException, InterruptedException {
        Path output = Files.createTempFile(home, "launcher-", ".out");
        List<String> command = new java.util.ArrayList<>(List.of("sh", LAUNCHER.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("TOLLGATE_JAR", jar.toString());
        builder.environment().put("XDG_CACHE_HOME", home.resolve("cache").toString());
        builder.environment().remove("JAVA_OPTS");
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "tollgate " + String.join(" ", arguments) + " did not end");
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    private static List<Path> archives(Path cache) throws IOException {
        return listing(cache).stream().filter(file -> file.getFileName().toString().endsWith(".jsa")).toList();
    }

    private static List<Path> written(Path cache) throws IOException {
        return listing(cache).stream().filter(file -> file.getFileName().toString().matches(".*\\.jsa\\.\\d+")).toList();
    }

    private static List<Path> listing(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
