package dev.tollgate.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Map;
import java.util.Objects;

import org.apiguardian.api.API;

/**
 * One check as a suite declares it, before it runs.
 *
 * @param type     the check type from the registry ({@code health}, {@code http}, {@code sql}, …)
 * @param name     what the report calls it: a named check's name, or the type
 * @param config   the check's settings as read from YAML: strings, numbers, booleans, lists and
 *                 maps; strings may hold {@code ${…}} variables resolved when it runs
 * @param position where it was declared (for a named check: where it was used)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CheckSpec(String type, String name, Map<String, Object> config, SourcePosition position) {

    public CheckSpec {
        Objects.requireNonNull(type, "type must not be null");
        name = name == null ? type : name;
        config = config == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
        Objects.requireNonNull(position, "position must not be null");
    }
}
