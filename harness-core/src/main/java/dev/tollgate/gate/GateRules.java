package dev.tollgate.gate;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.apiguardian.api.API;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;

import dev.tollgate.api.Hints;
import dev.tollgate.api.Constants;
import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.report.RunRecord;
import dev.tollgate.model.Area;

/**
 * Which areas must have evidence, and which may fail without blocking.
 *
 * <p>An area is required when a suite that ran carries a tag that implies it, or, once any suite
 * ran, when it is in {@code required}: a suite tagged {@code upgrade} promises install, upgrade and
 * health-and-version evidence, and the gate holds it to that. A required area without evidence
 * makes the run INCONCLUSIVE, never GO. A failure in an {@code advisory} area does not block; the
 * verdict states it as a note (code rollback unsafe: restore required).
 *
 * <p>Per profile, {@code profiles/NAME/gate.yaml} replaces any of the defaults it names:
 * <pre>{@code
 * required: [health-version]
 * requiredByTag:
 *   upgrade: [install, upgrade, health-version]
 * advisory: [code-rollback]
 * requiredSuites: [upgrade-from-previous]
 * rollbackSafeWithinMajor: true
 * versionNotChecked: note
 * rollbackWarningsBlock: false
 * }</pre>
 *
 * @param required       areas required whenever any suite ran
 * @param requiredByTag  areas a suite tag implies
 * @param advisory       areas whose failures are stated but do not block
 * @param requiredSuites suites (by name) that must have run; one that did not makes the run INCONCLUSIVE
 * @param rollbackSafeWithinMajor when the candidate keeps the previous release's major version
 *                       ({@code 1.0.0 → 1.1.0}), code rollback is not advisory: semantic versioning
 *                       promises that going back is safe, so an unsafe one blocks
 * @param versionNotChecked what a health-and-version area without a {@code version} check makes of the
 *                       verdict: a note (default), INCONCLUSIVE or NO-GO
 * @param rollbackWarningsBlock whether a warning the previous release logged about its migration or schema
 *                       state on the migrated database ({@link CodeRollback.Probe#WARNED}) blocks: false (the
 *                       default) states it as a note; true makes it a finding in code rollback, which then
 *                       blocks as an unsafe probe would (since 0.2)
 */
@API(status = INTERNAL, since = "0.1")
public record GateRules(Set<Area> required, Map<String, Set<Area>> requiredByTag, Set<Area> advisory,
        Set<String> requiredSuites, boolean rollbackSafeWithinMajor, VersionNotChecked versionNotChecked,
        boolean rollbackWarningsBlock) {

    private static final Map<String, JavaType> KEYS = keys();

    public GateRules {
        required = Set.copyOf(required);
        Map<String, Set<Area>> byTag = new LinkedHashMap<>();
        requiredByTag.forEach((tag, areas) -> byTag.put(tag, areas == null ? Set.of() : Set.copyOf(areas)));
        requiredByTag = Collections.unmodifiableMap(byTag);
        advisory = Set.copyOf(advisory);
        requiredSuites = Set.copyOf(requiredSuites);
        java.util.Objects.requireNonNull(versionNotChecked, "versionNotChecked must not be null");
    }

    /** Rules under which a version nobody checked is a note, as {@link #defaults()} says. */
    public GateRules(Set<Area> required, Map<String, Set<Area>> requiredByTag, Set<Area> advisory, Set<String> requiredSuites,
            boolean rollbackSafeWithinMajor) {
        this(required, requiredByTag, advisory, requiredSuites, rollbackSafeWithinMajor, VersionNotChecked.NOTE, false);
    }

    /** Rules that hold code rollback to semantic versioning, as {@link #defaults()} does. */
    public GateRules(Set<Area> required, Map<String, Set<Area>> requiredByTag, Set<Area> advisory, Set<String> requiredSuites) {
        this(required, requiredByTag, advisory, requiredSuites, true, VersionNotChecked.NOTE, false);
    }

    /**
     * Health and version always; {@code clean-install}: install; {@code upgrade}: install, upgrade,
     * migrations, convergence, safety, data and the code rollback probe; {@code authz}:
     * authorization; {@code rollback}: restore. Code rollback is advisory across a major version. A
     * version nobody checked is a note.
     */
    public static GateRules defaults() {
        Map<String, Set<Area>> byTag = new LinkedHashMap<>();
        byTag.put("clean-install", EnumSet.of(Area.INSTALL, Area.HEALTH_VERSION));
        byTag.put("upgrade", EnumSet.of(Area.INSTALL, Area.UPGRADE, Area.HEALTH_VERSION, Area.MIGRATIONS, Area.CONVERGENCE,
                Area.SAFETY, Area.DATA, Area.CODE_ROLLBACK));
        byTag.put("health", EnumSet.of(Area.HEALTH_VERSION));
        byTag.put("authz", EnumSet.of(Area.AUTHORIZATION));
        byTag.put("rollback", EnumSet.of(Area.RESTORE));
        return new GateRules(EnumSet.of(Area.HEALTH_VERSION), byTag, EnumSet.of(Area.CODE_ROLLBACK), Set.of(), true,
                VersionNotChecked.NOTE, false);
    }

    /** The areas this run must have evidence for: none when no suite ran (that alone is INCONCLUSIVE). */
    public Set<Area> requiredFor(RunRecord run) {
        Set<Area> areas = EnumSet.noneOf(Area.class);
        if (run.suites().isEmpty()) {
            return areas;
        }
        areas.addAll(required);
        run.suites().forEach(suite -> suite.tags().forEach(tag -> areas.addAll(requiredByTag.getOrDefault(tag, Set.of()))));
        return areas;
    }

    public boolean isAdvisory(Area area) {
        return advisory.contains(area);
    }

    /**
     * Reads a rules file; each key it has replaces that part of {@link #defaults()}, the rest stay.
     * A file that does not parse or names an unknown area stops the gate with the file and line.
     */
    public static GateRules load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new TollgateException(ErrorCode.LOAD_GATE_RULES_INVALID, "Gate rules file " + file.toAbsolutePath()
                    + " does not exist. Give an existing file with " + Hints.setting(Constants.GATE_RULES, "FILE") + ", or leave it out.");
        }
        try (JsonParser parser = GateYaml.MAPPER.createParser(file.toFile())) {
            GateRules defaults = defaults();
            if (parser.nextToken() == null) {
                return defaults;  // an empty file changes nothing
            }
            Map<String, Object> read = GateYaml.readMapping(parser, file, ErrorCode.LOAD_GATE_RULES_INVALID, KEYS);
            return new GateRules(value(read, "required", defaults.required()),
                    value(read, "requiredByTag", defaults.requiredByTag()),
                    value(read, "advisory", defaults.advisory()),
                    value(read, "requiredSuites", defaults.requiredSuites()),
                    read.get("rollbackSafeWithinMajor") instanceof Boolean flag ? flag : defaults.rollbackSafeWithinMajor(),
                    read.get("versionNotChecked") instanceof VersionNotChecked rule ? rule : defaults.versionNotChecked(),
                    read.get("rollbackWarningsBlock") instanceof Boolean flag ? flag : defaults.rollbackWarningsBlock());
        } catch (IOException e) {
            throw GateYaml.error(ErrorCode.LOAD_GATE_RULES_INVALID, file, e);
        }
    }

    // A key that is present replaces the default, even when empty ("advisory:" = nothing is advisory).
    @SuppressWarnings("unchecked")
    private static <T> T value(Map<String, Object> read, String key, T fallback) {
        if (!read.containsKey(key)) {
            return fallback;
        }
        Object value = read.get(key);
        return value != null ? (T) value : fallback instanceof Map ? (T) Map.of() : (T) Set.of();
    }

    private static Map<String, JavaType> keys() {
        TypeFactory types = GateYaml.MAPPER.getTypeFactory();
        JavaType areas = types.constructCollectionType(LinkedHashSet.class, Area.class);
        Map<String, JavaType> keys = new LinkedHashMap<>();
        keys.put("required", areas);
        keys.put("requiredByTag", types.constructMapType(LinkedHashMap.class, types.constructType(String.class), areas));
        keys.put("advisory", areas);
        keys.put("requiredSuites", types.constructCollectionType(LinkedHashSet.class, String.class));
        keys.put("rollbackSafeWithinMajor", types.constructType(Boolean.class));
        keys.put("versionNotChecked", types.constructType(VersionNotChecked.class));
        keys.put("rollbackWarningsBlock", types.constructType(Boolean.class));
        return keys;
    }
}
