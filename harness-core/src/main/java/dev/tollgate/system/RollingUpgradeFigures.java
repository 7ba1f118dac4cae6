package dev.tollgate.system;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.file.Path;
import java.util.Map;

import org.apiguardian.api.API;

/**
 * What users saw during one rolling upgrade: requests sent through the entry (the reverse proxy)
 * one after another while the release rolled.
 *
 * @param release                  the release the upgrade rolled to
 * @param requests                 requests sent
 * @param failed                   answers that were not 2xx, or no answer
 * @param errors                   failed requests by what came back ({@code 502}, {@code ConnectException}, …)
 * @param longestUnavailableMillis the longest stretch in which no request succeeded
 * @param durationMillis           how long the probe ran
 * @param file                     the figures as evidence, next to the phase's log
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record RollingUpgradeFigures(String release, int requests, int failed, Map<String, Integer> errors,
        long longestUnavailableMillis, long durationMillis, Path file) {

    public RollingUpgradeFigures {
        errors = errors == null ? Map.of() : Map.copyOf(errors);
    }
}
