package dev.tollgate.runtime;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;

/**
 * Polls an HTTP endpoint until the service answers it at all; gives up at once when the process
 * has exited. Any status counts as up: whether the answer is healthy is the health check's finding,
 * with its own evidence, not a reason to stop the run.
 */
final class HttpReadinessProbe implements ReadinessProbe {

    // A refused connection costs well under a millisecond, and each poll's wait is added to a start
    // the run waits for: at 100 ms, ten starts of the release gate waited half a second in all.
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration CONNECT = Duration.ofSeconds(1);

    private final String path;
    private final Duration timeout;

    HttpReadinessProbe(String path, Duration timeout) {
        this.path = path;
        this.timeout = timeout;
    }

    @Override
    public void await(ProbeTarget target) {
        URI uri = target.baseUri().resolve(path);
        AtomicReference<String> lastAnswer = new AtomicReference<>("no connection");
        try {
            Awaitility.await(target.describe() + " answers GET " + path + " (any status)")
                    .atMost(timeout)
                    .pollInSameThread()
                    .pollDelay(Duration.ZERO)
                    .pollInterval(POLL)
                    .until(() -> answers(target, uri, lastAnswer));
        } catch (ConditionTimeoutException e) {
            throw new TollgateException(ErrorCode.RUNTIME_SERVICE_NOT_READY, target.describe()
                    + " did not answer GET " + uri + " within " + timeout.toSeconds() + "s (last answer: "
                    + lastAnswer.get() + ")" + StartupCause.in(target.logFile()).map(cause -> "; its log says: " + cause.summary())
                    .orElse("") + ". Its log is " + target.logFile() + "; it ends with:\n" + target.logTail());
        }
    }

    private boolean answers(ProbeTarget target, URI uri, AtomicReference<String> lastAnswer) {
        if (!target.isAlive()) {
            String tail = target.logTail();
            throw new TollgateException(ErrorCode.RUNTIME_SERVICE_EXITED, target.describe() + " exited with code "
                    + target.exitCode().orElse(-1) + " before it answered GET " + path + cause(target.logFile(), tail)
                    + "\nIts log is "
                    + target.logFile() + "; it ends with:\n" + tail);
        }
        try {
            // A service may bind its port before it serves (it migrates first): a request it
            // accepted is answered once it serves, so waiting for it is right, and giving up on
            // it would leave the service writing to a closed socket (a "broken pipe" in its log).
            ProbeHttp.Answer response = ProbeHttp.get(uri, Map.of(), CONNECT, timeout);
            lastAnswer.set(response.status() + " " + abbreviate(response.body()));
            return true;
        } catch (IOException e) {
            lastAnswer.set(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return false;
        }
    }

    /**
     * Why it exited, on the message's first line (summaries show only that one): the cause its log
     * tells of, else its last line.
     */
    static String cause(java.nio.file.Path log, String tail) {
        return StartupCause.in(log).map(cause -> ": " + cause.summary()).orElseGet(() -> lastWords(tail));
    }

    private static String lastWords(String tail) {
        return tail.lines().map(String::strip).filter(line -> !line.isEmpty()).reduce((first, second) -> second)
                .map(line -> ": " + abbreviate(line, 400)).orElse("");
    }

    private static String abbreviate(String body) {
        return abbreviate(body, 200);
    }

    private static String abbreviate(String text, int max) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() > max ? flat.substring(0, max) + "…" : flat;
    }
}
