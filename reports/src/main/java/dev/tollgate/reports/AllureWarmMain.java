package dev.tollgate.reports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The main class of an Allure command line started ahead ({@link AllureAhead}): it runs on Allure's
 * own class path, in its own JVM, so it uses the JDK and (by reflection) Allure's public
 * {@code CommandLine} only (and is one class: its jar holds nothing else). It first generates a report
 * of made-up results into a directory of its own and deletes it: Allure's classes, its plugins, its
 * MIME type table and the compiled code are then ready (its arguments name the plugins to enable,
 * those the run's report will; none, the command line's defaults). Then it waits for one line on its standard input, the arguments of
 * {@code allure generate} separated by NUL, runs them and exits with Allure's exit code. An end of
 * input instead (the run that started it ended, or was stopped) makes it exit without a report.
 */
final class AllureWarmMain {

    static final char SEPARATOR = '\0';

    /*
     * The made-up results are shaped like a rehearsal's (results with steps, each step with a text
     * attachment): most of a report's time goes to reading results and detecting each attachment's
     * type, code that a report of one result left cold (a rehearsal's report then took 0.43-0.52 s
     * after the request, 0.33-0.36 s after this one). They are few: the process is ready as soon as
     * with one result. A second report of them, made while no request had come, saved little more
     * and made a request that came during it wait for it.
     */
    private static final int SHAPED_RESULTS = 10;
    private static final int SHAPED_STEPS = 3;

    private AllureWarmMain() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getenv("APP_HOME"));
        Class<?> commandLine = Class.forName("io.qameta.allure.CommandLine");
        Constructor<?> make = commandLine.getConstructor(Path.class);
        Method parse = commandLine.getMethod("parse", String[].class);
        Method run = commandLine.getMethod("run");
        Path scratch = Files.createTempDirectory("tollgate-allure-warm-up-");
        Thread cleanUp = new Thread(() -> delete(scratch), "tollgate-allure-warm-up-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanUp);
        try {
            Path results = Files.createDirectories(scratch.resolve("results"));
            writeShapedResults(results);
            System.out.println("[tollgate] a report of made-up results, made ahead and deleted, so that the run's report starts warm:");
            List<String> warmUp = new ArrayList<>(List.of("generate", "--clean"));
            if (args.length > 0) {
                warmUp.addAll(List.of("--config", config(scratch, args).toString()));
            }
            warmUp.addAll(List.of("-o", scratch.resolve("report").toString(), results.toString()));
            exitCode(generate(make, parse, run, warmUp.toArray(String[]::new)));
        } finally {
            delete(scratch);
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            System.exit(0);
        }
        System.exit(exitCode(generate(make, parse, run, line.split(String.valueOf(SEPARATOR)))));
    }

    /** A configuration of the command line that enables {@code plugins} (its arguments), as the run's report will. */
    private static Path config(Path scratch, String[] plugins) throws IOException {
        StringBuilder yaml = new StringBuilder("plugins:\n");
        for (String plugin : plugins) {
            yaml.append("  - \"").append(plugin.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
        }
        return Files.writeString(scratch.resolve("allure.yml"), yaml);
    }

    /** Results with steps, each step with a text attachment of some lines, as a rehearsal's checks leave them. */
    private static void writeShapedResults(Path results) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int line = 0; line < 24; line++) {
            lines.append("2026-01-01T00:00:").append(line % 60).append("Z [main] INFO  service - made-up line ").append(line)
                    .append(" of a warm-up attachment, as long as a log line is\n");
        }
        for (int result = 0; result < SHAPED_RESULTS; result++) {
            StringBuilder steps = new StringBuilder();
            for (int step = 0; step < SHAPED_STEPS; step++) {
                String attachment = "shaped-" + result + "-" + step + "-attachment.txt";
                Files.writeString(results.resolve(attachment), lines);
                steps.append(step == 0 ? "" : ",").append("{\"name\":\"step ").append(step).append("\",\"status\":\"passed\",")
                        .append("\"start\":1,\"stop\":2,\"attachments\":[{\"name\":\"evidence\",\"source\":\"")
                        .append(attachment).append("\",\"type\":\"text/plain\"}]}");
            }
            Files.writeString(results.resolve("shaped-" + result + "-result.json"), "{\"uuid\":\"shaped-" + result
                    + "\",\"historyId\":\"shaped-" + result + "\",\"name\":\"shaped " + result + "\",\"status\":\"passed\","
                    + "\"start\":1,\"stop\":2,\"labels\":[{\"name\":\"suite\",\"value\":\"warm-up\"}],\"steps\":[" + steps + "]}");
        }
    }

    private static Object generate(Constructor<?> make, Method parse, Method run, String[] arguments) throws Exception {
        Object commandLine = make.newInstance(Path.of(System.getenv("APP_HOME")));
        Optional<?> early = (Optional<?>) parse.invoke(commandLine, (Object) arguments);
        return early.isPresent() ? early.get() : run.invoke(commandLine);
    }

    private static int exitCode(Object code) throws Exception {
        return (Integer) code.getClass().getMethod("getCode").invoke(code);
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // gone already, or another process's: the temporary directory's own clean-up
        }
    }
}
