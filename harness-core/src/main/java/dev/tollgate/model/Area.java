package dev.tollgate.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apiguardian.api.API;

/**
 * What a release-readiness verdict is made of: one area per question an operator asks on release
 * day. A check counts for the area its type declares ({@link dev.tollgate.check.CheckType#area()});
 * a generic check ({@code http}, {@code sql}, {@code logs}, {@code exec}) declares none and counts
 * for the lifecycle phase it follows. It lives in the model, below both the checks that declare it
 * and the gate that judges by it.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum Area {
    INSTALL("install"),
    UPGRADE("upgrade"),
    MIGRATIONS("migrations"),
    CONVERGENCE("schema convergence"),
    SAFETY("migration safety"),
    DATA("data"),
    AUTHORIZATION("authorization"),
    HEALTH_VERSION("health and version"),
    CODE_ROLLBACK("code rollback"),
    RESTORE("restore");

    private final String label;

    Area(String label) {
        this.label = label;
    }

    /** The name in waivers, rules and {@code release-readiness.json}: {@code health-version}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** What a person reads: {@code health and version}. */
    public String label() {
        return label;
    }

    public static Optional<Area> forKey(String key) {
        return Arrays.stream(values()).filter(area -> area.key().equals(key)).findFirst();
    }

    /** Every key, for messages that say what would be valid. */
    public static String keys() {
        return Arrays.stream(values()).map(Area::key).collect(Collectors.joining(", "));
    }
}
