package dev.tollgate.check.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command as a child process of the harness, in the harness's working directory, with the
 * harness's environment plus the command's. Output is kept up to {@link #KEPT_BYTES}.
 */
final class LocalCommandRunner implements CommandRunner {

    /** Output kept for evidence; a chatty command cannot exhaust the heap. */
    static final int KEPT_BYTES = 1 << 20;

    /** How long to wait for the output pipe after the process ended, in case a grandchild holds it. */
    private static final Duration DRAIN = Duration.ofSeconds(2);

    @Override
    public Execution run(Command command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command.argv()).redirectErrorStream(true);
        builder.environment().putAll(command.env());
        long started = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();  // no input: a command that reads stdin sees end-of-file, not a hang
        Collector output = new Collector(process.getInputStream());
        Thread reader = new Thread(output, "tollgate-exec-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        boolean finished;
        try {
            finished = process.waitFor(command.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            killTree(process);
            throw e;
        }
        if (!finished) {
            killTree(process);
        }
        reader.join(DRAIN.toMillis());
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        return new Execution(finished ? process.exitValue() : -1, !finished, output.text(), elapsed);
    }

    /**
     * Kills the process and everything it started. Descendants are listed before the process dies,
     * because an orphan is re-parented and no longer listed; listed twice, for children forked meanwhile.
     */
    static void killTree(Process process) throws InterruptedException {
        for (int round = 0; round < 2; round++) {
            List<ProcessHandle> descendants = process.descendants().toList();
            descendants.forEach(ProcessHandle::destroyForcibly);
        }
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
    }

    /** Reads the merged output to its end, keeping the first {@link #KEPT_BYTES}. */
    private static final class Collector implements Runnable {

        private final InputStream in;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private long dropped;

        Collector(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    synchronized (this) {
                        int keep = Math.max(0, Math.min(read, KEPT_BYTES - kept.size()));
                        kept.write(buffer, 0, keep);
                        dropped += read - keep;
                    }
                }
            } catch (IOException e) {
                // The process was killed and its pipe closed under us: what was read is the output.
            }
        }

        synchronized String text() {
            String text = kept.toString(StandardCharsets.UTF_8);
            return dropped == 0 ? text : text + "\n… (" + dropped + " more bytes of output not kept)";
        }
    }
}
