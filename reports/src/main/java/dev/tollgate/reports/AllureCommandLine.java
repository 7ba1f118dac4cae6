package dev.tollgate.reports;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code allure generate} from the unpacked command line (its zip from Maven Central) in a child
 * JVM, as its own launcher script would: {@code APP_HOME} tells it where its plugins are. A child
 * JVM keeps Allure's libraries off Maven's classpath.
 */
final class AllureCommandLine {

    private static final long TIMEOUT_SECONDS = 120;

    private AllureCommandLine() {
    }

    /**
     * @param log where the command line's output goes
     * @param config the command line's configuration: which plugins it enables (see {@link VerdictWidget})
     * @throws IOException when it cannot run or does not succeed; the message says why and where its output is
     */
    static void generate(Path home, Path results, Path report, Path log, Path config) throws IOException {
        Path lib = home.resolve("lib");
        if (!Files.isDirectory(lib)) {
            throw new IOException("the Allure command line is not at " + home + " (no lib/ there); the reports module's"
                    + " maven-dependency-plugin unpacks it from io.qameta.allure:allure-commandline:zip: run the build"
                    + " through the reports module (mvn verify -P…), or pass --allure-home=DIR");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path archive = home.resolve("tollgate-allure-" + System.getProperty("java.vm.version") + baseArchive() + ".jsa");
        Path dumped = home.resolve(archive.getFileName() + "." + ProcessHandle.current().pid());
        boolean archived = Files.isRegularFile(archive);
        boolean archiving = !archived && Files.isWritable(home);
        List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"));
        // The command line loads some five thousand classes from its jars before it writes a byte: the
        // first report keeps them in a class-data archive (about a second more, once), and later ones
        // map it instead of loading them again (a third of a second less each, on this project's machine).
        if (archived || archiving) {
            command.add(archived ? "-XX:SharedArchiveFile=" + archive : "-XX:ArchiveClassesAtExit=" + dumped);
        }
        command.addAll(List.of("-cp", lib + File.separator + "*" + File.pathSeparator + lib.resolve("config"),
                "io.qameta.allure.CommandLine", "generate", "--clean", "--config", config.toString(), "-o", report.toString(),
                results.toString()));
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("APP_HOME", home.toString());
        // Else index.html loads Google Tag Manager: a report of a release must not call a third party
        // (and offline, that call is an error in the browser console).
        builder.environment().put("ALLURE_NO_ANALYTICS", "true");
        Process process = builder.start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("allure generate did not finish within " + TIMEOUT_SECONDS + "s; its output is in " + log);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while allure generate ran", e);
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(report.resolve("index.html"))) {
            Files.deleteIfExists(dumped);
            throw new IOException("allure generate exited with " + process.exitValue() + " and no " + report.resolve("index.html")
                    + "; its output is in " + log + ":\n" + tail(log));
        }
        if (archiving && Files.isRegularFile(dumped)) {
            // Whole or not at all: another build may be reading the archive's name at this moment.
            Files.move(dumped, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * The JDK's own class-data archive, which a dynamic one is built on: when it is made again (a
     * JDK update, {@code java -Xshare:dump}), an archive built on the old one no longer maps, and
     * the JVM goes on without it, silently slower. Its time in the name makes a new one instead.
     */
    private static String baseArchive() {
        Path base = Path.of(System.getProperty("java.home"), "lib", "server", "classes.jsa");
        try {
            return "-" + Long.toHexString(Files.getLastModifiedTime(base).toMillis());
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    }
}
