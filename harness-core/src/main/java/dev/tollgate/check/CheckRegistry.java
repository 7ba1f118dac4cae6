package dev.tollgate.check;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

import org.apiguardian.api.API;

/** Maps the {@code type} names suites use to check implementations. */
@API(status = INTERNAL, since = "0.1")
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

    /**
     * Every check type on the class path, found through {@link ServiceLoader}: the built-in ones
     * (a {@link CheckTypeProvider}) and plug-ins ({@link CheckTypeProvider}s and {@link CheckType}s).
     */
    public static CheckRegistry discover() {
        List<CheckType> all = new java.util.ArrayList<>();
        ServiceLoader.load(CheckTypeProvider.class).forEach(provider -> all.addAll(provider.checkTypes()));
        if (all.isEmpty()) {
            // A jar that bundles Tollgate without merging META-INF/services loses them all.
            throw new IllegalStateException("No check type is on the class path: META-INF/services/"
                    + CheckTypeProvider.class.getName() + " of harness-core was not found. A jar that bundles Tollgate"
                    + " must merge service files (maven-shade-plugin's ServicesResourceTransformer).");
        }
        ServiceLoader.load(CheckType.class).forEach(all::add);
        return new CheckRegistry(all);
    }

    public static CheckRegistry of(Collection<CheckType> types) {
        return new CheckRegistry(types);
    }

    public Optional<CheckType> find(String type) {
        return Optional.ofNullable(types.get(type));
    }

    /** Every type, in no particular order. */
    public java.util.Collection<CheckType> types() {
        return types.values();
    }

    /** Every type name, sorted, for messages that say what would be valid. */
    public List<String> typeNames() {
        return types.keySet().stream().sorted().toList();
    }
}
