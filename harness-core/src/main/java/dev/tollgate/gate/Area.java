package dev.tollgate.gate;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apiguardian.api.API;

/**
 * What a release-readiness verdict is made of: one area per question an operator asks on release
 * day. Steps and checks count for an area by their kind or type; a generic check ({@code http},
 * {@code sql}, {@code logs}, {@code exec}) counts for the lifecycle phase it follows.
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

    /**
     * The area a check type speaks for, or empty for a generic type, which counts for the phase it
     * follows instead.
     */
    public static Optional<Area> ofCheckType(String type) {
        return Optional.ofNullable(switch (type == null ? "" : type) {
            case "health", "ready", "version" -> HEALTH_VERSION;
            case "migrations" -> MIGRATIONS;
            case "convergence", "drift" -> CONVERGENCE;
            case "safety" -> SAFETY;
            case "data" -> DATA;
            case "authz" -> AUTHORIZATION;
            case "code-rollback" -> CODE_ROLLBACK;
            case "restore" -> RESTORE;
            default -> null;
        });
    }

    /**
     * The area of a lifecycle step that starts a phase: what runs afterwards is that phase's
     * release on that phase's database. Empty for steps that do not ({@code backup}, {@code seed},
     * {@code restart}, …).
     */
    public static Optional<Area> ofPhaseStep(String kind) {
        return Optional.ofNullable(switch (kind == null ? "" : kind) {
            case "install" -> INSTALL;
            case "upgrade" -> UPGRADE;
            case "rollback" -> CODE_ROLLBACK;
            case "restore" -> RESTORE;
            default -> null;
        });
    }

    /** The area of a lifecycle step's own outcome: a phase step's area, and {@code backup} for restore. */
    public static Optional<Area> ofStep(String kind) {
        return "backup".equals(kind) ? Optional.of(RESTORE) : ofPhaseStep(kind);
    }
}
