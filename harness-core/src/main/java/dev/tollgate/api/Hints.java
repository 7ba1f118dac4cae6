package dev.tollgate.api;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Locale;
import java.util.Map;

import org.apiguardian.api.API;

/**
 * How a message tells a person to set something, in the language of the entry point they used:
 * {@code -Dtollgate.previous=RELEASE} under Maven, {@code --previous RELEASE} under the command
 * line, {@code <previous>RELEASE</previous>} under the Maven plugin. The entry point says which it
 * is with {@value #ENTRY_POINT} ({@code maven}, the default, {@code cli} or {@code maven-plugin}).
 */
@API(status = INTERNAL, since = "0.2")
public final class Hints {

    /** The system property an entry point sets to say what it is. */
    public static final String ENTRY_POINT = "tollgate.entryPoint";

    // Settings with an option (or parameter) of their own; every other name is a variable.
    private static final Map<String, String> CLI = Map.of(
            Constants.PROFILE, "--profile", Constants.PREVIOUS, "--previous", Constants.CANDIDATE, "--candidate",
            Constants.CHAIN, "--chain", Constants.TARGET_URL, "--target-url", Constants.TARGET_DATABASE_URL, "--database-url",
            Constants.ALLOW_DESTRUCTIVE, "--allow-destructive", Constants.GATE_MODE, "--gate", Constants.WAIVERS, "--waivers",
            Constants.GATE_RULES, "--gate-rules");
    private static final Map<String, String> PLUGIN = Map.of(
            Constants.PROFILE, "profile", Constants.PREVIOUS, "previous", Constants.CANDIDATE, "candidate",
            Constants.CHAIN, "chain", Constants.TARGET_URL, "targetUrl", Constants.TARGET_DATABASE_URL, "databaseUrl",
            Constants.ALLOW_DESTRUCTIVE, "allowDestructive", Constants.GATE_MODE, "gate", Constants.WAIVERS, "waivers",
            Constants.GATE_RULES, "gateRules");

    private Hints() {
    }

    /** {@code -Dname=value}, {@code --option value} or {@code <parameter>value</parameter>}, as the entry point takes it. */
    public static String setting(String name, String value) {
        return switch (System.getProperty(ENTRY_POINT, "maven").toLowerCase(Locale.ROOT)) {
            case "cli" -> CLI.containsKey(name)
                    ? (name.equals(Constants.ALLOW_DESTRUCTIVE) && value.equals("true") ? CLI.get(name) : CLI.get(name) + " " + value)
                    : "--set " + name + "=" + value;
            case "maven-plugin" -> PLUGIN.containsKey(name) ? "<" + PLUGIN.get(name) + ">" + value + "</" + PLUGIN.get(name) + ">"
                    : "<variables><" + name + ">" + value + "</" + name + "></variables>";
            default -> "-D" + name + "=" + value;
        };
    }
}
