package dev.tollgate.load;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tollgate.check.CheckContext;
import dev.tollgate.check.CheckRegistry;
import dev.tollgate.check.CheckResult;
import dev.tollgate.check.CheckType;
import dev.tollgate.model.CheckSpec;
import dev.tollgate.model.LoadIssue;
import dev.tollgate.model.SourcePosition;
import dev.tollgate.model.Step;
import dev.tollgate.model.StepKind;
import dev.tollgate.model.Suite;
import dev.tollgate.model.Variables;

class SuiteLoaderTest {

    static final Set<String> ENGINE_VARIABLES = Set.of("previous", "candidate", "previous.version", "candidate.version",
            "profile.name");

    /** Small stand-ins for check types other packages implement; only their YAML contract matters here. */
    record TestType(String type, Set<String> keys, Set<String> requiredKeys) implements CheckType {

        @Override
        public boolean destructive(Map<String, Object> config) {
            return type.equals("http") && !"GET".equalsIgnoreCase(String.valueOf(config.getOrDefault("method", "GET")));
        }

        @Override
        public Set<String> captures(Map<String, Object> config) {
            return config.get("capture") instanceof Map<?, ?> capture ? Set.copyOf(capture.keySet().stream().map(String::valueOf).toList())
                    : Set.of();
        }

        @Override
        public CheckResult run(CheckSpec spec, CheckContext context) {
            throw new UnsupportedOperationException("only loaded in these tests");
        }
    }

    static CheckRegistry registry() {
        // The real built-ins, but only these three: other check types come and go with other packages.
        CheckRegistry discovered = CheckRegistry.discover();
        List<CheckType> types = new ArrayList<>(Stream.of("health", "ready", "version")
                .map(name -> discovered.find(name).orElseThrow()).toList());
        types.add(new TestType("http", Set.of("method", "path", "status", "headers", "body", "json", "capture"), Set.of("path")));
        types.add(new TestType("sql", Set.of("query", "expect"), Set.of("query")));
        types.add(new TestType("data", Set.of("since", "snapshot"), Set.of()));
        return CheckRegistry.of(types);
    }

    // No system property or environment variable leaks into what a suite may reference.
    private final SuiteLoader loader = new SuiteLoader(registry(), ENGINE_VARIABLES, Variables.of(Map.of()));

    static Path suites(String folder) {
        try {
            return Path.of(SuiteLoaderTest.class.getResource("/suites/" + folder).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One {@code # expect: [file:]line:column: message} header: the issue a malformed suite must produce. */
    record Expected(Path file, int line, int column, String message) {

        private static final Pattern HEADER = Pattern.compile("^# expect: (?:(.+?):)?(\\d+):(\\d+): (.*)$");

        static List<Expected> of(Path suite) throws IOException {
            List<Expected> expected = new ArrayList<>();
            for (String line : Files.readAllLines(suite)) {
                Matcher matcher = HEADER.matcher(line);
                if (matcher.matches()) {
                    Path file = matcher.group(1) == null ? suite : suite.resolveSibling(matcher.group(1)).normalize();
                    String message = matcher.group(4).replace("{dir}", suite.getParent().toAbsolutePath().toString());
                    expected.add(new Expected(file, Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3)), message));
                }
            }
            return expected;
        }

        void assertMatches(LoadIssue issue) {
            assertAll(issue.toString(),
                    () -> assertEquals(file, issue.position().file(), "file"),
                    () -> assertEquals(line + ":" + column, issue.position().line() + ":" + issue.position().column(), "line:column"),
                    () -> assertTrue(issue.message().startsWith(message), "message starts with: " + message));
        }
    }

    static Stream<Path> malformedSuites() throws IOException {
        try (Stream<Path> files = Files.list(suites("malformed"))) {
            return files.filter(SuiteLoader::isSuiteFile).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedSuites")
    void reportsEveryIssueOfAMalformedSuiteWithItsPosition(Path suite) throws IOException {
        List<Expected> expected = Expected.of(suite);
        assertFalse(expected.isEmpty(), suite + " has no '# expect: line:column: message' header");

        SuiteLoadResult result = loader.load(suite);

        assertTrue(result.suite().isEmpty(), "a suite with issues is not handed out");
        assertEquals(expected.size(), result.issues().size(), () -> "issues:\n" + result.describeIssues());
        for (int i = 0; i < expected.size(); i++) {
            expected.get(i).assertMatches(result.issues().get(i));
        }
    }

    @Test
    void theMalformedCorpusCoversEveryKindOfProblem() throws IOException {
        assertTrue(malformedSuites().count() >= 22, "at least 22 malformed suites");
    }

    @Test
    void loadsAWellFormedSuiteIntoTheModel() {
        Path file = suites("valid").resolve("clean-install.suite.yaml");
        Path common = suites("valid").resolve("common/health.suite.yaml");

        SuiteLoadResult result = loader.load(file);

        assertEquals(List.of(), result.issues());
        Suite suite = result.suite().orElseThrow();
        assertEquals("clean-install", suite.name());
        assertEquals("Empty database → install candidate → it answers and reports what it is", suite.description());
        assertEquals(Set.of("clean-install", "release-gate"), suite.tags());
        assertTrue(suite.destructive());
        assertEquals(new SourcePosition(file, 1, 1), suite.position());

        List<Step> steps = suite.steps();
        assertEquals(18, steps.size());
        assertStep(steps.get(0), StepKind.INSTALL, "${candidate}", file, 9);
        assertEquals("install ${candidate}", steps.get(0).displayName());

        assertEquals(List.of(new CheckSpec("health", "health", Map.of(), new SourcePosition(file, 10, 12))), steps.get(1).checks());
        assertEquals(List.of("health", "ready", "version"), steps.get(2).checks().stream().map(CheckSpec::type).toList());
        assertEquals(new SourcePosition(file, 11, 28), steps.get(2).checks().get(2).position());
        assertEquals(new CheckSpec("http", "http", Map.of("path", "/x", "status", 200), new SourcePosition(file, 12, 12)),
                steps.get(3).checks().get(0));

        List<CheckSpec> mixed = steps.get(4).checks();
        assertEquals(List.of("health", "sql", "api-answers"), mixed.stream().map(CheckSpec::name).toList());
        assertEquals(Map.of("query", "select 1", "expect", 1), mixed.get(1).config());
        assertEquals(new CheckSpec("http", "api-answers", Map.of("path", "/api/v1/version", "status", 200),
                new SourcePosition(file, 13, 64)), mixed.get(2), "a named check is resolved where it is used");

        assertStep(steps.get(5), StepKind.SEED, "fixtures/baseline.yaml", file, 14);
        assertEquals(suites("valid").resolve("fixtures/baseline.yaml").toString(), steps.get(5).options().get("file"));
        assertEquals(List.of("http", "http"), steps.get(5).checks().stream().map(check -> check.type()).toList(),
                "the fixture's requests are the seed step's checks");
        assertStep(steps.get(6), StepKind.SNAPSHOT, "before-upgrade", file, 15);
        assertStep(steps.get(7), StepKind.BACKUP, "before-upgrade", file, 16);

        Step upgrade = steps.get(8);
        assertStep(upgrade, StepKind.UPGRADE, "${candidate}", file, 17);
        assertEquals("upgrade", upgrade.id());
        assertEquals(Duration.ofMinutes(2), upgrade.timeout());
        assertNull(upgrade.retry());
        assertEquals(Duration.ofSeconds(30), steps.get(9).retry());
        assertEquals(Map.of("since", "before-upgrade"), steps.get(9).checks().get(0).config());

        // The include's steps are inlined where it stands, each at its own file and line.
        assertStep(steps.get(10), StepKind.CHECK, null, common, 6);
        assertEquals(new SourcePosition(common, 6, 21), steps.get(10).checks().get(1).position());
        assertEquals("answers", steps.get(11).id());
        assertEquals(new SourcePosition(common, 7, 5), steps.get(11).position());
        assertEquals(new CheckSpec("health", "deep-health", Map.of("within", "20s", "body", "\"status\":\"UP\""),
                new SourcePosition(file, 23, 12)), steps.get(12).checks().get(0), "an included file's named check is visible");

        assertStep(steps.get(13), StepKind.STOP, null, file, 24);
        assertStep(steps.get(14), StepKind.RESTART, null, file, 25);
        assertStep(steps.get(15), StepKind.RESTORE, "before-upgrade", file, 26);
        assertEquals(Map.of("release", "${previous}"), steps.get(15).options());
        assertEquals(List.of("quick-health", "data"), steps.get(16).checks().stream().map(CheckSpec::name).toList());
        assertEquals("health", steps.get(16).checks().get(0).type());
        assertStep(steps.get(17), StepKind.ROLLBACK, "1.0", file, 28);
        assertEquals(Duration.ofSeconds(45), steps.get(17).timeout());
    }

    private static void assertStep(Step step, StepKind kind, String target, Path file, int line) {
        assertAll(step.toString(),
                () -> assertEquals(kind, step.kind()),
                () -> assertEquals(target, step.target()),
                () -> assertEquals(new SourcePosition(file, line, 5), step.position()));
    }

    @Test
    void anInstallFromADumpCarriesTheDumpAndItsPrepareSqlResolvedAgainstTheSuiteFile() {
        Path file = suites("valid").resolve("install-from-dump.suite.yaml");

        SuiteLoadResult result = loader.load(file);

        assertEquals(List.of(), result.issues());
        List<Step> steps = result.suite().orElseThrow().steps();
        Path dump = suites("valid").resolve("dumps/baseline.sql").toAbsolutePath();
        assertStep(steps.get(0), StepKind.INSTALL, "${previous}", file, 3);
        assertEquals(Map.of(Step.FROM, dump.toString(), Step.PREPARE, "delete from t where id < 0"), steps.get(0).options());
        dev.tollgate.model.Baseline inline = dev.tollgate.model.Baseline.of(steps.get(0), Variables.of(Map.of())).orElseThrow();
        assertEquals(dump, inline.dump());
        assertEquals("delete from t where id < 0", inline.prepareSql());
        dev.tollgate.model.Baseline fromFile = dev.tollgate.model.Baseline.of(steps.get(1), Variables.of(Map.of())).orElseThrow();
        assertEquals(suites("valid").resolve("dumps/anonymise.sql").toAbsolutePath(), fromFile.prepareFile());
        assertTrue(fromFile.prepareSqlIfSet().isEmpty());
    }

    @Test
    void readOnlySuiteMayReadAndUseWhatAnEarlierCheckCaptured() {
        Path file = suites("valid").resolve("read-only.suite.yml");

        Suite suite = loader.load(file).suite().orElseThrow();

        assertFalse(suite.destructive());
        assertEquals(Set.of("smoke"), suite.tags());
        List<CheckSpec> checks = suite.steps().get(0).checks();
        assertEquals(Map.of("token", "$.token"), checks.get(0).config().get("capture"));
        assertEquals(Map.of("Authorization", "Bearer ${token}"), checks.get(1).config().get("headers"));
        assertEquals(new SourcePosition(file, 11, 9), checks.get(1).position());
    }

    @Test
    void aWritingCheckDeclaredSafeIsAcceptedInAReadOnlySuite() {
        Path file = suites("valid").resolve("declared-safe.suite.yaml");

        SuiteLoadResult result = loader.load(file);

        assertEquals(List.of(), result.issues(), result::describeIssues);
        CheckSpec post = result.suite().orElseThrow().steps().get(0).checks().get(0);
        assertTrue(registry().find("http").orElseThrow().destructive(post.config()), "a POST writes by itself");
        assertFalse(CheckType.writes(registry().find("http").orElseThrow(), post.config()), "safe: true says it does not");
    }

    @Test
    void systemPropertiesAndExistingEnvironmentVariablesAreKnown(@TempDir Path dir) throws IOException {
        String variable = System.getenv().keySet().stream().sorted().findFirst().orElseThrow();
        Path file = Files.writeString(dir.resolve("env.suite.yaml"), """
                suite: from-the-host
                scenario:
                  - install: ${candidate}
                  - check: { http: { path: "/${java.version}/${env.%s}/${env.TOLLGATE_SURELY_UNSET}" } }
                """.formatted(variable));

        SuiteLoadResult result = new SuiteLoader(registry(), ENGINE_VARIABLES).load(file);

        assertEquals(1, result.issues().size(), result::describeIssues);
        LoadIssue issue = result.issues().get(0);
        assertEquals(new SourcePosition(file, 4, 54 + variable.length()), issue.position());
        assertTrue(issue.message().startsWith("undefined variable ${env.TOLLGATE_SURELY_UNSET}."), issue.message());
    }

    @Test
    void aNamedChecksUndefinedVariableIsReportedOnceWhereItIsDefined(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("named.suite.yaml"), """
                suite: named-variables
                checks:
                  me: { http: { path: "/users/${user}" } }
                scenario:
                  - check: [me, me]
                  - check: me
                """);

        List<LoadIssue> issues = loader.load(file).issues();

        assertEquals(1, issues.size(), issues::toString);
        assertEquals(new SourcePosition(file, 3, 31), issues.get(0).position());
    }

    @Test
    void aMissingSuiteFileIsAnIssueNotAnException(@TempDir Path dir) {
        Path file = dir.resolve("absent.suite.yaml");

        SuiteLoadResult result = loader.load(file);

        assertEquals(List.of(new LoadIssue(new SourcePosition(file, 1, 1), "suite file not found: " + file)), result.issues());
        assertEquals(file + ":1:1: suite file not found: " + file, result.describeIssues());
    }

    @Test
    void aCheckTypeThatCannotReadItsSettingsIsAnIssue(@TempDir Path dir) throws IOException {
        CheckType throwing = new CheckType() {
            @Override
            public String type() {
                return "fragile";
            }

            @Override
            public Set<String> keys() {
                return Set.of("x");
            }

            @Override
            public Set<String> captures(Map<String, Object> config) {
                throw new ClassCastException("x is not a map");
            }

            @Override
            public CheckResult run(CheckSpec spec, CheckContext context) {
                throw new UnsupportedOperationException("only loaded in these tests");
            }
        };
        Path file = Files.writeString(dir.resolve("fragile.suite.yaml"), "suite: f\nscenario:\n  - check: { fragile: { x: 1 } }\n");

        SuiteLoadResult result = new SuiteLoader(CheckRegistry.of(List.of(throwing)), Set.of(), Variables.of(Map.of())).load(file);

        assertEquals(1, result.issues().size());
        assertEquals("check 'fragile': the check type cannot read these settings: java.lang.ClassCastException: x is not a map",
                result.issues().get(0).message());
    }

    @Test
    void recognisesSuiteFilesByName() {
        assertTrue(SuiteLoader.isSuiteFile(Path.of("suites/upgrade.suite.yaml")));
        assertTrue(SuiteLoader.isSuiteFile(Path.of("with space.suite.yml")));
        assertFalse(SuiteLoader.isSuiteFile(Path.of("profile.yaml")));
        assertFalse(SuiteLoader.isSuiteFile(Path.of("suite.yaml")));
        assertFalse(SuiteLoader.isSuiteFile(Path.of("/")));
        assertThrows(NullPointerException.class, () -> SuiteLoader.isSuiteFile(null));
    }

    // The schema is what editors see: it must accept every suite the loader accepts.
    @ParameterizedTest(name = "{0}")
    @MethodSource("validSuiteFiles")
    void theSchemaAcceptsEveryValidSuite(Path file) throws IOException {
        Issues issues = new Issues();
        SchemaValidator.validate(YamlTree.parse(file, Files.readString(file), issues), issues);
        assertEquals(List.of(), issues.sorted());
    }

    static Stream<Path> validSuiteFiles() throws IOException {
        try (Stream<Path> files = Files.walk(suites("valid"))) {
            return files.filter(SuiteLoader::isSuiteFile).sorted().toList().stream();
        }
    }

    @Test
    void schemaFindingsAreWordedForPeopleAndPointAtTheYaml(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("shape.suite.yaml"), """
                suite: shapes
                tgas: [upgrade]
                tags: upgrade
                scenario:
                  - id: lonely
                  - install: x
                    timeout: soon
                  - check: [health, [ready]]
                """);
        Issues issues = new Issues();

        SchemaValidator.validate(YamlTree.parse(file, Files.readString(file), issues), issues);

        Map<String, String> found = new LinkedHashMap<>();
        issues.sorted().forEach(issue -> found.put(issue.position().line() + ":" + issue.position().column(), issue.message()));
        assertEquals(Map.of(
                "2:1", "unknown key 'tgas'; did you mean 'tags'? Valid keys here: checks, description, destructive, scenario, suite, tags.",
                "3:7", "'tags': expected a list, found a string 'upgrade'",
                "5:5", "item 1: expected a map with exactly one step key (install, upgrade, rollback, restart, stop, seed, snapshot, "
                        + "backup, restore, check or include) and optional id, timeout, retry and onFailure. Found a map",
                "7:14", "'timeout': a string 'soon' is not valid here; write it like 500ms, 30s, 2m, 1h, or ISO-8601 like PT30S.",
                "8:21", "item 2: expected a string or a map, found a list"), found);
    }

    @Test
    void theSchemaDoesNotRepeatWhatTheLoaderAlreadySaid(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("once.suite.yaml"), """
                suite: once
                tags: upgrade
                scenario:
                  - instal: x
                """);

        List<LoadIssue> issues = loader.load(file).issues();

        assertEquals(2, issues.size(), issues::toString);
        assertTrue(issues.get(0).message().startsWith("'tags': expected a list of strings"), issues::toString);
        assertTrue(issues.get(1).message().startsWith("unknown step 'instal'"), issues::toString);
    }

    @Test
    void theSchemaShipsOnTheClassPath() {
        assertTrue(SuiteLoader.class.getResource(SuiteLoader.SCHEMA_RESOURCE) != null);
    }
}
