package dev.tollgate.system;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;

import org.apiguardian.api.API;

/**
 * How long users could not reach the service while it was upgraded: what an operator plans a
 * maintenance window by. A runtime that rolls an upgrade through a proxy and probes it
 * ({@link RollingUpgradeFigures}) says how long no request succeeded; a single instance that is
 * stopped and then started is unreachable from the stop until the new release answers.
 *
 * @param release           the release the upgrade went to
 * @param unavailableMillis the longest stretch in which the service could not be reached
 * @param probed            whether requests measured it (a rolling upgrade's probe), rather than the stop-to-answer time
 * @param requests          requests the probe sent (0 when not probed)
 * @param failed            of those, the ones that failed
 */
@API(status = EXPERIMENTAL, since = "0.2")
public record UpgradeWindow(String release, long unavailableMillis, boolean probed, int requests, int failed) {

    public UpgradeWindow {
        Objects.requireNonNull(release, "release must not be null");
    }

    /** The window of a release stopped and then started: unreachable for the whole of it. */
    public static UpgradeWindow stopAndStart(String release, long millis) {
        return new UpgradeWindow(release, millis, false, 0, 0);
    }

    /** The window a rolling upgrade's probe measured. */
    public static UpgradeWindow probed(RollingUpgradeFigures figures) {
        return new UpgradeWindow(figures.release(), figures.longestUnavailableMillis(), true, figures.requests(), figures.failed());
    }

    /** {@code unavailable for 2.3 s (stopped, then started until it answered)}, or the probe's figures. */
    public String describe() {
        String length = String.format(java.util.Locale.ROOT, "%.1f s", unavailableMillis / 1000.0);
        return probed ? "unavailable for at most " + length + " (" + failed + " of " + requests
                + " requests through the proxy failed during the rolling upgrade)"
                : "unavailable for " + length + " (one instance: stopped, then started until it answered)";
    }
}
