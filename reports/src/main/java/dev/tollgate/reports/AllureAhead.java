package dev.tollgate.reports;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.CRC32;

import org.apiguardian.api.API;

/**
 * The Allure command line started before the run ends, so that the verdict does not wait for it to
 * start: its JVM, its classes and plugins, and a first report of a made-up result
 * ({@link AllureWarmMain}) take about half of what {@code allure generate} costs from cold, and the
 * command line starts them when the last suite starts, beside it. The report is then made by
 * {@link AllureCommandLine#generate} sending that process its arguments.
 *
 * <p>The process ends by itself when the run ends without asking for a report (its standard input
 * closes). Its main class is written into a small jar of its own in the command line's home, beside
 * the class-data archives, so that Allure's class path stays Allure's plus one class of Tollgate's;
 * where that home is not writable, nothing starts ahead.
 */
@API(status = INTERNAL, since = "0.2")
public final class AllureAhead {

    /** The report's log, beside {@code allure-report/} in the output directory. */
    public static final String LOG_FILE = AllureReport.LOG_FILE;

    private static final Object LOCK = new Object();
    private static Started started;

    /** The process started ahead as {@code command} (which names its home), with its output going to {@code log}. */
    record Started(Process process, Path log, AllureCommandLine.Command command) {
    }

    private AllureAhead() {
    }

    /**
     * Starts the Allure command line of {@code home} now, unless one was started already; its
     * output goes to {@code log}, where the report's own output goes. Never fails the run: where it
     * cannot start, the report starts it when it is needed, as without this.
     */
    public static void start(Path home, Path log) {
        synchronized (LOCK) {
            if (started != null) {
                return;
            }
            try {
                Path jar = mainJar(home);
                Files.createDirectories(log.getParent());
                // Its warm-up report enables the plugins the run's report will (without ours, written then).
                AllureCommandLine.Command command = AllureCommandLine.command(home, List.of(jar), AllureWarmMain.class.getName(),
                        VerdictWidget.commandLinePlugins(home));
                ProcessBuilder builder = command.builder().redirectErrorStream(true).redirectOutput(log.toFile())
                        .redirectInput(ProcessBuilder.Redirect.PIPE);
                started = new Started(builder.start(), log, command);
                Runtime.getRuntime().addShutdownHook(new Thread(AllureAhead::endUnused, "tollgate-allure-ahead-cleanup"));
            } catch (IOException | RuntimeException e) {
                // no process ahead: the report starts the command line itself
            }
        }
    }

    /**
     * The process started ahead for this home and log, still waiting for its arguments, handed over
     * once. Empty when none was started or it has ended (it failed its warm-up).
     */
    static java.util.Optional<Started> take(Path home, Path log) {
        synchronized (LOCK) {
            Started ahead = started;
            if (ahead == null || !ahead.command().home().equals(home) || !ahead.log().equals(log) || !ahead.process().isAlive()) {
                return java.util.Optional.empty();
            }
            started = null;
            return java.util.Optional.of(ahead);
        }
    }

    /**
     * At the JVM's exit, a process ahead that no report asked for: its input closed, it ends (within
     * seconds: it may be in its warm-up report) and the class-data archive its JVM wrote is not kept.
     */
    private static void endUnused() {
        Started unused;
        synchronized (LOCK) {
            unused = started;
            started = null;
        }
        if (unused == null) {
            return;
        }
        try {
            unused.process().getOutputStream().close();
            if (!unused.process().waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                unused.process().destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            }
            unused.command().dropArchive();
        } catch (IOException e) {
            // its archive stays, under this JVM's pid: nothing maps it
        } catch (InterruptedException e) {
            unused.process().destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Sends the arguments of {@code allure generate} to the process, which then runs them and exits. */
    static void send(Started ahead, List<String> arguments) throws IOException {
        try (OutputStream in = ahead.process().getOutputStream()) {
            in.write((String.join(String.valueOf(AllureWarmMain.SEPARATOR), arguments) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * A jar of {@link AllureWarmMain} alone, in the home, named after its bytes: the same file from
     * run to run (so the class-data archive of this class path keeps mapping), a new one when the class changes.
     */
    private static Path mainJar(Path home) throws IOException {
        String entry = AllureWarmMain.class.getName().replace('.', '/') + ".class";
        byte[] bytes;
        try (InputStream in = AllureWarmMain.class.getClassLoader().getResourceAsStream(entry)) {
            if (in == null) {
                throw new IOException("no " + entry + " on the class path");
            }
            bytes = in.readAllBytes();
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        Path jar = home.resolve("tollgate-allure-ahead-" + Long.toHexString(crc.getValue()) + ".jar");
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        Path partial = Files.createTempFile(home, "tollgate-allure-ahead-", ".partial");
        try {
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(partial))) {
                JarEntry written = new JarEntry(entry);
                written.setTime(0);  // the same bytes each time
                out.putNextEntry(written);
                out.write(bytes);
                out.closeEntry();
            }
            Files.move(partial, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
        return jar;
    }
}
