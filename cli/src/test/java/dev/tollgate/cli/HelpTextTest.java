package dev.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@code --help} prints. Picocli reads {@code ${NAME}} in help text as one of its own variables,
 * so a Tollgate variable written plainly (the {@code ${release}} a service's command takes) came out
 * as "null" in {@code tollgate init --help}; help text escapes them as {@code $${release}}.
 */
class HelpTextTest {

    @Test
    void aCommandLineNamingACommandBuildsThatOneAloneAndAnyOtherBuildsThemAll() {
        assertEquals(java.util.Set.of("run"), Tollgate.commandLine("run", "--previous", "1.0.0").getSubcommands().keySet());
        java.util.List<String> all = java.util.List.of("init", "run", "merge", "validate", "list", "doctor", "help");
        assertEquals(all, java.util.List.copyOf(Tollgate.commandLine().getSubcommands().keySet()));
        assertEquals(all, java.util.List.copyOf(Tollgate.commandLine("--help").getSubcommands().keySet()));
        assertEquals(all, java.util.List.copyOf(Tollgate.commandLine("help", "run").getSubcommands().keySet()));
        assertEquals(all, java.util.List.copyOf(Tollgate.commandLine("rn").getSubcommands().keySet()));
    }

    static Stream<String> subcommands() {
        return Tollgate.commandLine().getSubcommands().keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("subcommands")
    void noTollgateVariableIsLostToPicocli(String name) {
        String help = Tollgate.commandLine().getSubcommands().get(name).getUsageMessage();

        assertFalse(help.contains("null"), help);
    }

    @Test
    void initShowsTheReleaseVariableItsCommandTakes() {
        String help = Tollgate.commandLine().getSubcommands().get("init").getUsageMessage();

        assertTrue(help.contains("tollgate init orders --command 'java -jar build/orders-${release}.jar'"), help);
        assertTrue(help.contains("${release} for the release id"), help);
    }
}
