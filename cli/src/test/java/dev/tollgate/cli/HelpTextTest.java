package dev.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import picocli.CommandLine;

/**
 * What {@code --help} prints. Picocli reads {@code ${NAME}} in help text as one of its own variables,
 * so a Tollgate variable written plainly (the {@code ${release}} a service's command takes) came out
 * as "null" in {@code tollgate init --help}; help text escapes them as {@code $${release}}.
 */
class HelpTextTest {

    static Stream<String> subcommands() {
        return new CommandLine(new Tollgate()).getSubcommands().keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("subcommands")
    void noTollgateVariableIsLostToPicocli(String name) {
        String help = new CommandLine(new Tollgate()).getSubcommands().get(name).getUsageMessage();

        assertFalse(help.contains("null"), help);
    }

    @Test
    void initShowsTheReleaseVariableItsCommandTakes() {
        String help = new CommandLine(new Tollgate()).getSubcommands().get("init").getUsageMessage();

        assertTrue(help.contains("tollgate init orders --command 'java -jar build/orders-${release}.jar'"), help);
        assertTrue(help.contains("${release} for the release id"), help);
    }
}
