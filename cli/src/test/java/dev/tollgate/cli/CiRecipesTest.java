package dev.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import picocli.CommandLine;

/**
 * The CI recipes in {@code docs/ci.md} for a matrix of shards: each is YAML, and every {@code tollgate}
 * command its jobs run names a command and options that command's {@code --help} lists.
 */
class CiRecipesTest {

    private static final Path CI_MD = Path.of(System.getProperty("tollgate.root", "..")).resolve("docs/ci.md");
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void gitHubActionsRunsAMatrixOfShardsAndAMergeIntoTheJobSummary() throws IOException {
        JsonNode workflow = recipe("strategy:");
        List<String> commands = commands(workflow);

        assertEquals(List.of(1, 2, 3, 4), ints(workflow.path("jobs").path("shard").path("strategy").path("matrix").path("shard")));
        assertTrue(commands.stream().anyMatch(command -> command.startsWith("tollgate run ") && command.contains("--shard ${{ matrix.shard }}/4")),
                commands::toString);
        assertTrue(commands.stream().anyMatch(command -> command.startsWith("tollgate merge ")), commands::toString);
        assertTrue(commands.stream().anyMatch(command -> command.contains("release-readiness.md >> \"$GITHUB_STEP_SUMMARY\"")),
                commands::toString);
        assertTrue(workflow.toString().contains("merged/allure-report/"), "the merge job uploads the Allure report");
        assertEquals("shard", workflow.path("jobs").path("verdict").path("needs").asText());
        commands.forEach(CiRecipesTest::assertKnownToTheCommandLine);
    }

    @Test
    void gitLabCiRunsParallelShardsAndAMerge() throws IOException {
        JsonNode pipeline = recipe("parallel:");
        List<String> commands = commands(pipeline);

        assertEquals(4, pipeline.path("rehearse").path("parallel").asInt());
        assertTrue(commands.stream().anyMatch(command -> command.startsWith("tollgate run ")
                && command.contains("--shard \"$CI_NODE_INDEX/$CI_NODE_TOTAL\"")), commands::toString);
        assertTrue(commands.stream().anyMatch(command -> command.startsWith("tollgate merge ")), commands::toString);
        assertTrue(pipeline.path("verdict").path("artifacts").toString().contains("merged/allure-report/"));
        commands.forEach(CiRecipesTest::assertKnownToTheCommandLine);
    }

    /** What the check catches: a command or an option the command line does not have. */
    @Test
    void anOptionTheCommandLineDoesNotListIsCaught() {
        AssertionError unknownOption = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> assertKnownToTheCommandLine("tollgate merge a b --into merged"));
        assertTrue(unknownOption.getMessage().contains("--into"), unknownOption.getMessage());
        AssertionError unknownCommand = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> assertKnownToTheCommandLine("tollgate combine a b"));
        assertTrue(unknownCommand.getMessage().contains("combine"), unknownCommand.getMessage());
    }

    private static void assertKnownToTheCommandLine(String command) {
        if (!command.startsWith("tollgate ")) {
            return;
        }
        List<String> words = Arrays.asList(command.split("\\s+"));
        CommandLine tollgate = Tollgate.commandLine();
        CommandLine sub = tollgate.getSubcommands().get(words.get(1));
        assertTrue(sub != null, "'" + command + "' runs command " + words.get(1) + ", which tollgate --help does not list: "
                + tollgate.getSubcommands().keySet());
        String help = sub.getUsageMessage(CommandLine.Help.Ansi.OFF);
        for (String word : words.subList(2, words.size())) {
            if (word.startsWith("-")) {
                String option = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
                assertTrue(Pattern.compile("(^|[\\s,])" + Pattern.quote(option) + "([\\s=,]|$)", Pattern.MULTILINE)
                        .matcher(help).find(), "'" + command + "' gives " + option + ", which tollgate " + words.get(1)
                        + " --help does not list:\n" + help);
            }
        }
    }

    /** The YAML block of {@code docs/ci.md} that holds {@code marker}, parsed. */
    private static JsonNode recipe(String marker) throws IOException {
        Matcher blocks = YAML_BLOCK.matcher(Files.readString(CI_MD));
        List<String> found = new ArrayList<>();
        while (blocks.find()) {
            if (blocks.group(1).contains(marker)) {
                found.add(blocks.group(1));
            }
        }
        assertEquals(1, found.size(), "one recipe with " + marker + " in " + CI_MD);
        JsonNode tree = YAML.readTree(found.get(0));
        assertFalse(tree == null || tree.isEmpty(), "an empty recipe");
        return tree;
    }

    /** Every shell command the recipe runs: GitHub's {@code run:}, GitLab's {@code script:} and {@code after_script:}. */
    private static List<String> commands(JsonNode tree) {
        List<String> commands = new ArrayList<>();
        collect(tree, commands);
        return commands;
    }

    private static void collect(JsonNode node, List<String> commands) {
        node.fields().forEachRemaining(field -> {
            if (List.of("run", "script", "after_script", "before_script").contains(field.getKey())) {
                (field.getValue().isArray() ? field.getValue() : YAML.createArrayNode().add(field.getValue()))
                        .forEach(line -> line.asText().lines().map(String::strip).filter(text -> !text.isEmpty())
                                .forEach(commands::add));
            } else if (field.getValue().isContainerNode()) {
                collect(field.getValue(), commands);
            }
        });
        if (node.isArray()) {
            node.forEach(child -> collect(child, commands));
        }
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asInt()));
        return values;
    }
}
