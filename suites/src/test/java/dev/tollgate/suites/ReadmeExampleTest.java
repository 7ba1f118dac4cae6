package dev.tollgate.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tollgate.check.CheckRegistry;
import dev.tollgate.load.SuiteLoadResult;
import dev.tollgate.load.SuiteLoader;
import dev.tollgate.model.StepKind;

/** The suite the README shows is a suite the loader accepts, so the documentation cannot rot. */
class ReadmeExampleTest {

    @Test
    void theReadmeSuiteLoads(@TempDir Path dir) throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("## Writing suites");
        int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
        String yaml = readme.substring(start, readme.indexOf("```", start));
        Path suite = Files.writeString(dir.resolve("readme.suite.yaml"), yaml);

        Set<String> known = new HashSet<>(Set.of("previous", "candidate", "profile.name", "env.VIEWER_TOKEN"));
        SuiteLoadResult result = new SuiteLoader(CheckRegistry.discover(), known).load(suite);

        assertTrue(result.issues().isEmpty(), () -> result.issues().toString());
        List<StepKind> kinds = result.suite().orElseThrow().steps().stream().map(step -> step.kind()).toList();
        assertEquals(List.of(StepKind.INSTALL, StepKind.CHECK, StepKind.BACKUP, StepKind.UPGRADE, StepKind.CHECK,
                StepKind.CHECK, StepKind.RESTORE), kinds);
    }
}
