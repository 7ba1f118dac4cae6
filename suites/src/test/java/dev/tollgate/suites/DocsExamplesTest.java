package dev.tollgate.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.tollgate.check.CheckRegistry;
import dev.tollgate.gate.GateRules;
import dev.tollgate.gate.Waivers;
import dev.tollgate.load.SuiteLoadResult;
import dev.tollgate.load.SuiteLoader;

/**
 * Every YAML block in the documentation ({@code README.md} and {@code docs/*.md}) is YAML, and every
 * whole document of a kind Tollgate reads — a suite, gate rules, waivers — is one Tollgate's own
 * loader accepts, so the documentation cannot rot. Fragments (a few steps out of a suite) are held
 * to being YAML.
 */
class DocsExamplesTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern YAML_BLOCK = Pattern.compile("(?m)^```ya?ml\\n(.*?)^```", Pattern.DOTALL);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    record Block(Path file, int line, String yaml) {
        @Override
        public String toString() {
            return ROOT.relativize(file) + ":" + line;
        }
    }

    static List<Block> blocks() throws IOException {
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(file -> file.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<Block> blocks = new ArrayList<>();
        for (Path file : files) {
            String text = Files.readString(file);
            Matcher matcher = YAML_BLOCK.matcher(text);
            while (matcher.find()) {
                int line = (int) text.substring(0, matcher.start()).chars().filter(c -> c == '\n').count() + 2;
                blocks.add(new Block(file, line, matcher.group(1)));
            }
        }
        return blocks;
    }

    @Test
    void theDocumentationHasExamples() throws IOException {
        List<Block> blocks = blocks();
        assertFalse(blocks.isEmpty(), "no ```yaml block found under docs/");
        assertTrue(blocks.stream().anyMatch(block -> block.yaml().startsWith("suite:")), "no whole suite in the docs");
    }

    @TestFactory
    Stream<DynamicTest> everyYamlBlockLoads(@TempDir Path dir) throws IOException {
        return blocks().stream().map(block -> DynamicTest.dynamicTest(block.toString(), () -> load(block, dir)));
    }

    private static void load(Block block, Path dir) throws IOException {
        JsonNode tree;
        try {
            tree = YAML.readTree(block.yaml());
        } catch (IOException e) {
            fail(block + " is not YAML: " + e.getMessage());
            return;
        }
        if (tree == null || !tree.isObject()) {
            return; // a fragment: a few steps, a list
        }
        Path file = Files.writeString(dir.resolve("block-" + block.line() + ".yaml"), block.yaml());
        if (tree.has("suite")) {
            Path suite = Files.move(file, dir.resolve(tree.get("suite").asText() + ".suite.yaml"));
            Set<String> known = new HashSet<>(Set.of("previous", "candidate", "profile.name", "release", "env.VIEWER_TOKEN"));
            SuiteLoadResult result = new SuiteLoader(CheckRegistry.discover(), known).load(suite);
            assertEquals(List.of(), result.issues(), block + ": the suite does not load");
        } else if (tree.has("waivers")) {
            assertFalse(Waivers.read(file).isEmpty(), block + ": no waiver read");
        } else if (tree.has("requiredByTag") || tree.has("rollbackSafeWithinMajor") || tree.has("advisory")) {
            GateRules.load(file);
        }
    }
}
