package dev.tollgate.reports;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's {@code chromium}, headless, with its DevTools on a free loopback port. Found on the
 * {@code PATH} (or {@code -Dtollgate.chromium=FILE}); {@code .ci/run} installs it.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("DevTools listening on ws://127\\.0\\.0\\.1:(\\d+)/");

    private final Process process;
    private final int port;

    private HeadlessChromium(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Optional<Path> find() {
        String configured = System.getProperty("tollgate.chromium", "");
        if (!configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .flatMap(dir -> Stream.of("chromium", "chromium-browser", "google-chrome").map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable).findFirst();
    }

    static HeadlessChromium start(Path binary, Path profileDir) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--user-data-dir=" + profileDir,
                "--window-size=1400,1000", "about:blank")).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find()) {
                        port.complete(Integer.parseInt(matcher.group(1)));
                    } else if (!port.isDone()) {
                        output.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new IOException("chromium ended without opening DevTools:\n" + output));
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            return new HeadlessChromium(process, port.get(30, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException(binary + " did not open its DevTools port within 30s: " + e.getMessage(), e);
        }
    }

    int devToolsPort() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        // Its renderer and GPU processes end with it; any left behind (a wrapper that did not exec) are ended too.
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
