package dev.tollgate.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The Allure report of a rehearsal: adds the launch files to the results, carries the history of
 * the previous report in (so trends show), generates the report, and keeps its new history for the
 * next build. The history lives outside {@code target/} ({@code .tollgate/allure-history/} at the
 * root, ignored by git), so {@code mvn clean} does not reset the trends.
 */
final class AllureReport {

    static final String LOG_FILE = "allure-report.log";
    private static final String BUILD_ORDER_FILE = "build-order";

    private AllureReport() {
    }

    /** @return the report's {@code index.html} */
    static Path generate(AllureOptions options, Readiness readiness) throws IOException {
        Files.createDirectories(options.results());
        long buildOrder = nextBuildOrder(options.history());
        AllureLaunch.write(readiness, options.results(), buildOrder, options.runner());
        Path history = options.history().resolve("history");
        if (Files.isDirectory(history)) {
            copyTree(history, options.results().resolve("history"));
        }
        Path plugins = Files.createTempDirectory("tollgate-allure-plugins");
        try {
            AllureCommandLine.generate(options.home(), options.results(), options.report(),
                    options.report().resolveSibling(LOG_FILE), VerdictWidget.allureConfig(options.home(), plugins));
        } finally {
            deleteTree(plugins);  // the report has its own copy of the plugin's files
        }
        VerdictWidget.write(readiness, options.report());
        Path generated = options.report().resolve("history");
        if (Files.isDirectory(generated)) {
            deleteTree(history);
            copyTree(generated, history);
            Files.writeString(options.history().resolve(BUILD_ORDER_FILE), Long.toString(buildOrder));
        }
        return options.index();
    }

    /** Builds are numbered so the trend charts label them #1, #2, … */
    private static long nextBuildOrder(Path historyDir) {
        try {
            return Long.parseLong(Files.readString(historyDir.resolve(BUILD_ORDER_FILE)).strip()) + 1;
        } catch (IOException | NumberFormatException e) {
            return 1;  // no earlier report, or an unreadable counter: start again
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(file -> {
                try {
                    Path target = to.resolve(from.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
