package dev.tollgate.gate;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apiguardian.api.API;

/**
 * What the gate makes of {@link VersionEvidence#NOT_CHECKED}, set by {@code versionNotChecked:} in
 * {@code gate.yaml}.
 */
@API(status = INTERNAL, since = "0.2")
public enum VersionNotChecked {
    /** Stated in the health-and-version area and the notes; does not block (the default). */
    NOTE,
    /** The area has missing evidence: the run is INCONCLUSIVE unless something makes it NO-GO. */
    INCONCLUSIVE,
    /** The area fails: the run is NO-GO. */
    NO_GO;

    /** {@code note}, {@code inconclusive}, {@code no-go}: as {@code gate.yaml} writes it. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<VersionNotChecked> forKey(String key) {
        return Arrays.stream(values()).filter(value -> value.key().equals(key)).findFirst();
    }

    public static String keys() {
        return Arrays.stream(values()).map(VersionNotChecked::key).collect(Collectors.joining(", "));
    }
}
