package dev.tollgate.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apiguardian.api.API;

/**
 * {@code ${name}} placeholders and the values they stand for. Values given explicitly win over JVM
 * system properties, which win over environment variables ({@code ${env.NAME}} names one
 * explicitly). Each call that adds values returns a new instance.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Variables {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)}");

    private final Map<String, String> values;
    private final Function<String, String> systemProperties;
    private final Function<String, String> environment;

    private Variables(Map<String, String> values, Function<String, String> systemProperties,
            Function<String, String> environment) {
        this.values = Map.copyOf(values);
        this.systemProperties = systemProperties;
        this.environment = environment;
    }

    /** Variables backed by this JVM's system properties and environment. */
    public static Variables fromSystem() {
        return new Variables(Map.of(), System::getProperty, System::getenv);
    }

    /** Variables with only the given values: for tests and for checks that must not see the host. */
    public static Variables of(Map<String, String> values) {
        return new Variables(values, name -> null, name -> null);
    }

    public Variables with(String name, String value) {
        Map<String, String> copy = new HashMap<>(values);
        copy.put(name, value);
        return new Variables(copy, systemProperties, environment);
    }

    public Variables with(Map<String, String> more) {
        Map<String, String> copy = new HashMap<>(values);
        copy.putAll(more);
        return new Variables(copy, systemProperties, environment);
    }

    public Optional<String> lookup(String name) {
        if (values.containsKey(name)) {
            return Optional.of(values.get(name));
        }
        if (name.startsWith("env.")) {
            return Optional.ofNullable(environment.apply(name.substring("env.".length())));
        }
        String property = systemProperties.apply(name);
        return Optional.ofNullable(property != null ? property : environment.apply(name));
    }

    /** The names a template refers to, in order of appearance. */
    public static List<String> referencedBy(String template) {
        List<String> names = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /**
     * Replaces every placeholder.
     *
     * @throws UndefinedVariableException naming the first variable with no value
     */
    public String resolve(String template) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = lookup(name).orElseThrow(() -> new UndefinedVariableException(name));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    public List<String> resolve(List<String> templates) {
        return templates.stream().map(this::resolve).toList();
    }

    public Map<String, String> resolve(Map<String, String> templates) {
        Map<String, String> resolved = new HashMap<>();
        templates.forEach((key, template) -> resolved.put(key, resolve(template)));
        return Map.copyOf(resolved);
    }

    /** A placeholder with no value; the caller knows the file and adds where it is. */
    public static final class UndefinedVariableException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final String variable;

        UndefinedVariableException(String variable) {
            super("undefined variable ${" + variable + "}");
            this.variable = variable;
        }

        public String variable() {
            return variable;
        }
    }
}
