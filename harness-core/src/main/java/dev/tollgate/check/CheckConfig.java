package dev.tollgate.check;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apiguardian.api.API;

import dev.tollgate.db.Snapshot;
import dev.tollgate.model.CheckSpec;
import dev.tollgate.model.SourcePosition;
import dev.tollgate.model.Variables;

/**
 * Typed, variable-resolved access to a check's YAML settings. The loader has already rejected
 * unknown keys; a value of the wrong shape here is a suite error, reported with the check's
 * position.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class CheckConfig {

    private final CheckSpec spec;
    private final Variables variables;

    public CheckConfig(CheckSpec spec, Variables variables) {
        this.spec = spec;
        this.variables = variables;
    }

    public boolean has(String key) {
        return spec.config().containsKey(key);
    }

    public Optional<String> string(String key) {
        Object value = spec.config().get(key);
        return value == null ? Optional.empty() : Optional.of(variables.resolve(String.valueOf(value)));
    }

    public String string(String key, String fallback) {
        return string(key).orElse(fallback);
    }

    public Optional<Integer> integer(String key) {
        return string(key).map(text -> {
            try {
                return Integer.valueOf(text.trim());
            } catch (NumberFormatException e) {
                throw invalid(key, "a whole number", text);
            }
        });
    }

    public Duration duration(String key, Duration fallback) {
        return string(key).map(text -> {
            try {
                return dev.tollgate.model.Durations.parse(text);
            } catch (IllegalArgumentException e) {
                throw invalid(key, "a duration like 500ms, 30s or 2m", text);
            }
        }).orElse(fallback);
    }

    /** A nested map, values left unresolved (callers resolve what they use). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String key) {
        Object value = spec.config().get(key);
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw invalid(key, "a map of key: value", String.valueOf(value));
    }

    /** A list of strings (a single string counts as a list of one), each resolved. */
    public List<String> strings(String key) {
        Object value = spec.config().get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(item -> variables.resolve(String.valueOf(item))).toList();
        }
        return List.of(variables.resolve(String.valueOf(value)));
    }

    /**
     * The snapshot the setting names ({@code since: before-upgrade}), as an earlier step of the scenario
     * took it; empty when the setting is absent.
     *
     * @throws IllegalArgumentException when no snapshot of that name was taken (the step that should
     *                                  have taken it did not run), which makes the check broken
     */
    public Optional<Snapshot> snapshot(String key, CheckContext context) {
        Optional<String> name = string(key);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(context.snapshot(name.get()).orElseThrow(() -> new IllegalArgumentException(
                "'" + key + "' of check " + spec.name() + " names snapshot '" + name.get()
                + "', but no snapshot of that name was taken in this scenario; add '- snapshot: " + name.get()
                + "' before this step")));
    }

    /** {@code true} or {@code false}, or the fallback when the setting is absent. */
    public boolean bool(String key, boolean fallback) {
        String value = string(key, String.valueOf(fallback)).trim();
        if (!value.equals("true") && !value.equals("false")) {
            throw invalid(key, "true or false", value);
        }
        return Boolean.parseBoolean(value);
    }

    public String resolve(String template) {
        return variables.resolve(template);
    }

    /** A file a setting of this check names, relative to the suite file the check is declared in. */
    public Path relativeToSuite(String name) {
        return relativeToSuite(name, spec.position());
    }

    /** A file named at {@code at}: an absolute path as it is, a relative one against the directory of at's file. */
    public static Path relativeToSuite(String name, SourcePosition at) {
        Path path = Path.of(name);
        Path base = at.file().toAbsolutePath().getParent();
        return path.isAbsolute() || base == null ? path : base.resolve(path).normalize();
    }

    public Variables variables() {
        return variables;
    }

    public IllegalArgumentException invalid(String key, String expected, String found) {
        return new IllegalArgumentException(spec.position() + ": '" + key + "' of check " + spec.name()
                + " must be " + expected + ", found '" + found + "'");
    }
}
