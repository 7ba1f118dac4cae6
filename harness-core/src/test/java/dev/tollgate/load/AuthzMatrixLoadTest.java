package dev.tollgate.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tollgate.check.CheckRegistry;
import dev.tollgate.load.SuiteLoaderTest.Expected;
import dev.tollgate.model.Variables;

/** A suite whose authz matrix has mistakes stops when it loads, each mistake at its place in the matrix file. */
class AuthzMatrixLoadTest {

    private final SuiteLoader loader = new SuiteLoader(CheckRegistry.discover(), SuiteLoaderTest.ENGINE_VARIABLES,
            Variables.of(Map.of()));

    static Stream<Path> suites() throws IOException {
        try (Stream<Path> files = Files.list(SuiteLoaderTest.suites("authz-malformed"))) {
            return files.filter(SuiteLoader::isSuiteFile).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void reportsTheMatrixMistakesAtTheirFileLineAndColumn(Path suite) throws IOException {
        List<Expected> expected = Expected.of(suite);
        assertFalse(expected.isEmpty(), suite + " has no '# expect:' header");

        SuiteLoadResult result = loader.load(suite);

        assertTrue(result.suite().isEmpty());
        assertEquals(expected.size(), result.issues().size(), () -> "issues:\n" + result.describeIssues());
        for (int i = 0; i < expected.size(); i++) {
            expected.get(i).assertMatches(result.issues().get(i));
        }
    }
}
