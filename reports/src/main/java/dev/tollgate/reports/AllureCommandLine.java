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
        List<String> arguments = List.of("generate", "--clean", "--config", config.toString(), "-o", report.toString(),
                results.toString());
        Files.createDirectories(log.getParent());
        java.util.Optional<AllureAhead.Started> ahead = AllureAhead.take(home, log);
        Command command;
        Process process;
        if (ahead.isPresent()) {
            command = ahead.get().command();
            process = ahead.get().process();
            AllureAhead.send(ahead.get(), arguments);
        } else {
            command = command(home, List.of(), "io.qameta.allure.CommandLine", arguments);
            process = command.builder().redirectErrorStream(true).redirectOutput(log.toFile()).start();
        }
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
            command.dropArchive();
            throw new IOException("allure generate exited with " + process.exitValue() + " and no " + report.resolve("index.html")
                    + "; its output is in " + log + ":\n" + tail(log));
        }
        command.keepArchive();
    }

    /**
     * A JVM of the command line: {@code java} with Allure's class path (and {@code extraClassPath}),
     * {@code APP_HOME} telling it where its plugins are, as its own launcher script sets it.
     *
     * <p>The command line loads some five thousand classes from its jars before it writes a byte:
     * the first report keeps them in a class-data archive (about a second more, once), and later
     * ones map it instead of loading them again (a third of a second less each, on this project's
     * machine). Each class path has its own archive, which only maps with that class path.
     */
    static Command command(Path home, List<Path> extraClassPath, String mainClass, List<String> arguments) {
        Path lib = home.resolve("lib");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String variant = extraClassPath.isEmpty() ? "" : "ahead-" + Integer.toHexString(extraClassPath.hashCode()) + "-";
        Path archive = home.resolve("tollgate-allure-" + variant + System.getProperty("java.vm.version") + baseArchive() + ".jsa");
        Path dumped = home.resolve(archive.getFileName() + "." + ProcessHandle.current().pid());
        boolean archived = Files.isRegularFile(archive);
        boolean archiving = !archived && Files.isWritable(home);
        List<String> line = new ArrayList<>(List.of(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"));
        if (archived || archiving) {
            line.add(archived ? "-XX:SharedArchiveFile=" + archive : "-XX:ArchiveClassesAtExit=" + dumped);
        }
        // lib/config (a directory of settings) last: a class-data archive cannot be written when a
        // non-empty directory comes before a jar whose classes it holds.
        StringBuilder classPath = new StringBuilder();
        extraClassPath.forEach(jar -> classPath.append(jar).append(File.pathSeparator));
        classPath.append(lib).append(File.separator).append("*").append(File.pathSeparator).append(lib.resolve("config"));
        line.addAll(List.of("-cp", classPath.toString(), mainClass));
        line.addAll(arguments);
        return new Command(home, line, archiving ? dumped : null, archive);
    }

    /** A command line's JVM, and the class-data archive it writes at its exit when there was none. */
    record Command(Path home, List<String> line, Path dumped, Path archive) {

        ProcessBuilder builder() {
            ProcessBuilder builder = new ProcessBuilder(line);
            builder.environment().put("APP_HOME", home.toString());
            // Else index.html loads Google Tag Manager: a report of a release must not call a third party
            // (and offline, that call is an error in the browser console).
            builder.environment().put("ALLURE_NO_ANALYTICS", "true");
            return builder;
        }

        /** After a report was made: the archive its JVM wrote is put in place, whole or not at all. */
        void keepArchive() throws IOException {
            if (dumped != null && Files.isRegularFile(dumped)) {
                // Whole or not at all: another build may be reading the archive's name at this moment.
                Files.move(dumped, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        }

        /** After a failure: an archive of a JVM that failed is not kept. */
        void dropArchive() throws IOException {
            if (dumped != null) {
                Files.deleteIfExists(dumped);
            }
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
