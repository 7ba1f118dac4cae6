package dev.tollgate.check.env;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.apiguardian.api.API;

import dev.tollgate.check.CheckConfig;
import dev.tollgate.check.CheckContext;
import dev.tollgate.check.CheckResult;
import dev.tollgate.check.CheckType;
import dev.tollgate.model.CheckSpec;
import dev.tollgate.system.RunningService;

/**
 * {@code env}: passes when the environment the running release was started with (as the runtime
 * launched it) has every required variable set, at least one of each group of alternatives, and
 * no secret left at a placeholder. Messages name variables and the rule they break, never a value.
 *
 * <pre>
 * - check:
 *     env:
 *       required: [DATABASE_URL, PORT]                 # set and not blank
 *       anyOf: [[EP_ADMIN_SUBJECTS, EP_ADMIN_EMAILS]]  # at least one of each group set
 *       secrets: [SECRET_KEY_BASE, DATABASE_PASSWORD]  # set, not a placeholder, at least minLength long
 *       minLength: 12                                  # for secrets; default 1
 *       placeholders: ["(?i)^dev-"]                    # more placeholder regexes, on top of the defaults
 * </pre>
 *
 * The default placeholders are what templates ship and people forget: {@code changeme},
 * {@code change-me}, {@code TODO}, {@code TBD}, {@code FIXME}, {@code xxx…}, {@code <…>},
 * {@code ${…}} left unexpanded, {@code placeholder}, {@code example}, {@code secret},
 * {@code password}, {@code replace-me}, whole-value and case-insensitive.
 */
@API(status = INTERNAL, since = "0.1")
public final class EnvCheck implements CheckType {

    /** Values that mean "not configured yet", matched against the whole (trimmed) value. */
    public static final List<String> DEFAULT_PLACEHOLDERS = List.of(
            "(?i)change[-_ ]?me", "(?i)replace[-_ ]?me", "(?i)todo", "(?i)tbd", "(?i)fixme", "(?i)x{3,}",
            "<[^>]*>", "\\$\\{[^}]*\\}", "(?i)placeholder", "(?i)example", "(?i)secret", "(?i)password",
            "(?i)your[-_ ].*");

    @Override
    public String type() {
        return "env";
    }

    @Override
    public Set<String> keys() {
        return Set.of("required", "anyOf", "secrets", "minLength", "placeholders");
    }

    @Override
    public CheckResult run(CheckSpec spec, CheckContext context) {
        CheckConfig config = new CheckConfig(spec, context.variables());
        Optional<RunningService> service = context.service();
        if (service.isEmpty()) {
            return CheckResult.broken(spec.name(), "no release is running, so there is no service environment to check;"
                    + " deploy one first", List.of());
        }
        Map<String, String> env = service.get().environment();
        List<String> required = config.strings("required");
        List<String> secrets = config.strings("secrets");
        List<List<String>> anyOf = groups(config, spec.config().get("anyOf"));
        if (required.isEmpty() && secrets.isEmpty() && anyOf.isEmpty()) {
            throw config.invalid("required", "at least one variable in required, anyOf or secrets", "none");
        }
        int minLength = config.integer("minLength").orElse(1);
        List<Pattern> placeholders = new ArrayList<>(compile(config, DEFAULT_PLACEHOLDERS));
        placeholders.addAll(compile(config, config.strings("placeholders")));
        List<String> problems = new ArrayList<>();
        for (String name : required) {
            if (blank(env.get(name))) {
                problems.add(name + " is " + (env.containsKey(name) ? "blank" : "not set"));
            }
        }
        for (List<String> group : anyOf) {
            if (group.stream().allMatch(name -> blank(env.get(name)))) {
                problems.add("none of " + String.join(", ", group) + " is set");
            }
        }
        for (String name : secrets) {
            String value = env.get(name);
            if (blank(value)) {
                problems.add(name + " is " + (env.containsKey(name) ? "blank" : "not set"));
            } else if (placeholders.stream().anyMatch(p -> p.matcher(value.strip()).matches())) {
                problems.add(name + " is a placeholder (" + placeholders.stream().filter(p -> p.matcher(value.strip()).matches())
                        .findFirst().orElseThrow() + "), not a real secret");
            } else if (value.length() < minLength) {
                problems.add(name + " is shorter than " + minLength + " characters");
            }
        }
        String release = "release " + service.get().release().id();
        int checked = required.size() + secrets.size() + anyOf.size();
        if (!problems.isEmpty()) {
            return CheckResult.failed(spec.name(), "expected the environment of " + release + " to be configured; "
                    + String.join("; ", problems), List.of());
        }
        return CheckResult.passed(spec.name(), "the environment of " + release + " sets " + checked + " requirement(s)"
                + (required.isEmpty() ? "" : ": " + String.join(", ", required))
                + (anyOf.isEmpty() ? "" : "; one of each of " + anyOf)
                + (secrets.isEmpty() ? "" : "; secrets set and not placeholders: " + String.join(", ", secrets)), List.of());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static List<List<String>> groups(CheckConfig config, Object raw) {
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list)) {
            throw config.invalid("anyOf", "a list of lists of variable names", String.valueOf(raw));
        }
        List<List<String>> groups = new ArrayList<>();
        for (Object group : list) {
            if (!(group instanceof List<?> names) || names.isEmpty()) {
                throw config.invalid("anyOf", "a list of lists of variable names, e.g. [[A, B]]", String.valueOf(raw));
            }
            groups.add(names.stream().map(name -> config.resolve(String.valueOf(name))).toList());
        }
        return groups;
    }

    private static List<Pattern> compile(CheckConfig config, List<String> regexes) {
        try {
            return regexes.stream().map(Pattern::compile).toList();
        } catch (PatternSyntaxException e) {
            throw config.invalid("placeholders", "a list of regular expressions (" + e.getDescription() + ")", e.getPattern());
        }
    }
}
