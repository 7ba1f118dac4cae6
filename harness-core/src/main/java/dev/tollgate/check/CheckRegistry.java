package dev.tollgate.check;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

import org.apiguardian.api.API;

/** Maps the {@code type} names suites use to check implementations. */
@API(status = EXPERIMENTAL, since = "0.1")
public final class CheckRegistry {

    private final Map<String, CheckType> types;

    private CheckRegistry(Collection<CheckType> types) {
        Map<String, CheckType> byName = new TreeMap<>();
        for (CheckType type : types) {
            CheckType previous = byName.putIfAbsent(type.type(), type);
            if (previous != null) {
                throw new IllegalStateException("two check types are named '" + type.type() + "': "
                        + previous.getClass().getName() + " and " + type.getClass().getName());
            }
        }
        this.types = Map.copyOf(byName);
    }

    /** The built-in checks plus any found on the class path through {@link ServiceLoader}. */
    public static CheckRegistry discover() {
        List<CheckType> all = new java.util.ArrayList<>(BuiltInChecks.all());
        ServiceLoader.load(CheckType.class).forEach(all::add);
        return new CheckRegistry(all);
    }

    public static CheckRegistry of(Collection<CheckType> types) {
        return new CheckRegistry(types);
    }

    public Optional<CheckType> find(String type) {
        return Optional.ofNullable(types.get(type));
    }

    /** Every type name, sorted, for messages that say what would be valid. */
    public List<String> typeNames() {
        return types.keySet().stream().sorted().toList();
    }
}
