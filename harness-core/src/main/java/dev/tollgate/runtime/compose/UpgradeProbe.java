package dev.tollgate.runtime.compose;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.tollgate.model.ComposeSpec;
import dev.tollgate.runtime.ProbeHttp;

/**
 * What users see while an upgrade rolls: one request after another through the entry (the reverse
 * proxy), counting the answers that were not 2xx and measuring the longest stretch in which no
 * request succeeded.
 */
final class UpgradeProbe implements AutoCloseable {

    /** The figures of one upgrade. {@code errors} counts by what came back ({@code 502}, {@code ConnectException}, …). */
    record Figures(int requests, int failed, long longestUnavailableMillis, long durationMillis, Map<String, Integer> errors) {

        String summary() {
            return String.format("probe: %d requests in %.1fs, %d failed%s, longest unavailability %d ms", requests,
                    durationMillis / 1000.0, failed, errors.isEmpty() ? "" : " " + errors, longestUnavailableMillis);
        }
    }

    private final URI target;
    private final ComposeSpec.Probe probe;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private final long started = System.nanoTime();
    private final Map<String, Integer> errors = new LinkedHashMap<>();
    private int requests;
    private int failed;
    private long longestGap;
    private long lastSuccess = System.nanoTime();
    private boolean failing;

    private UpgradeProbe(URI target, ComposeSpec.Probe probe) {
        this.target = target;
        this.probe = probe;
        this.thread = new Thread(this::loop, "tollgate-upgrade-probe");
        this.thread.setDaemon(true);
    }

    static UpgradeProbe start(URI baseUri, ComposeSpec.Probe probe) {
        UpgradeProbe started = new UpgradeProbe(baseUri.resolve(probe.path()), probe);
        started.thread.start();
        return started;
    }

    private void loop() {
        while (running.get()) {
            String error = send();
            long now = System.nanoTime();
            if (!running.get()) {
                return;
            }
            synchronized (this) {
                requests++;
                if (error == null) {
                    if (failing) {
                        longestGap = Math.max(longestGap, now - lastSuccess);
                    }
                    failing = false;
                    lastSuccess = now;
                } else {
                    failed++;
                    failing = true;
                    errors.merge(error, 1, Integer::sum);
                }
            }
            try {
                Thread.sleep(probe.interval().toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Null when the request succeeded, else what came back. */
    private String send() {
        Map<String, String> headers = probe.token() == null ? Map.of() : Map.of("Authorization", "Bearer " + probe.token());
        try {
            int status = ProbeHttp.get(target, headers, Duration.ofSeconds(1), Duration.ofSeconds(5)).status();
            return status / 100 == 2 ? null : Integer.toString(status);
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        }
    }

    /** Stops the probe and returns its figures. */
    Figures stop() {
        running.set(false);
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return figures();
    }

    /** The figures so far; the probe goes on. */
    synchronized Figures figures() {
        long now = System.nanoTime();
        long gap = failing ? Math.max(longestGap, now - lastSuccess) : longestGap;
        return new Figures(requests, failed, gap / 1_000_000, (now - started) / 1_000_000, Map.copyOf(errors));
    }

    @Override
    public void close() {
        stop();
    }
}
