package dev.tollgate.load;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.apiguardian.api.API;

import dev.tollgate.check.CheckRegistry;
import dev.tollgate.load.SuiteParts.Head;
import dev.tollgate.load.SuiteParts.LoadedFile;
import dev.tollgate.load.SuiteParts.Part;
import dev.tollgate.load.SuiteParts.PlacedStep;
import dev.tollgate.load.SuiteParts.ReadStep;
import dev.tollgate.model.SourcePosition;
import dev.tollgate.model.Step;
import dev.tollgate.model.Suite;
import dev.tollgate.model.Variables;

/**
 * Reads a suite file ({@code *.suite.yaml}) and the files it includes into a {@link Suite}.
 *
 * <p>Errors in suites are a product surface: loading never throws for a bad suite. Every problem
 * in the file and its includes is collected and returned at once, in file and line order, each
 * naming the file, line and column, what was found and what would be valid, so a suite can be
 * fixed in one pass before anything starts.
 *
 * <pre>
 * suite: upgrade-from-previous
 * tags: [upgrade, release-gate]
 * scenario:
 *   - install: ${previous}
 *   - backup: before-upgrade
 *   - id: upgrade
 *     upgrade: ${candidate}
 *     timeout: 2m
 *   - check: [health, version]
 *   - restore: { backup: before-upgrade, release: ${previous} }
 * </pre>
 *
 * The format is described by the JSON Schema at {@link #SCHEMA_RESOURCE}, which this loader also
 * validates against.
 */
@API(status = INTERNAL, since = "0.1")
public final class SuiteLoader {

    /** Class-path resource of the suite format's JSON Schema (draft 2020-12), for editors and tools. */
    public static final String SCHEMA_RESOURCE = SchemaValidator.RESOURCE;

    private final CheckRegistry registry;
    private final Set<String> knownVariables;
    private final Variables environment;

    /**
     * @param registry       the check types suites may name
     * @param knownVariables variables the engine provides when the suite runs ({@code previous},
     *                       {@code candidate}, {@code profile.name}, …); system properties and
     *                       environment variables ({@code env.NAME}) that exist are known as well
     */
    public SuiteLoader(CheckRegistry registry, Set<String> knownVariables) {
        this(registry, knownVariables, Variables.fromSystem());
    }

    // For tests: which system properties and environment variables exist.
    SuiteLoader(CheckRegistry registry, Set<String> knownVariables, Variables environment) {
        this.registry = Objects.requireNonNull(registry, "registry must not be null");
        this.knownVariables = Set.copyOf(Objects.requireNonNull(knownVariables, "knownVariables must not be null"));
        this.environment = Objects.requireNonNull(environment, "environment must not be null");
    }

    /** Whether a file is a suite by its name: {@code *.suite.yaml} or {@code *.suite.yml}. */
    public static boolean isSuiteFile(Path file) {
        Objects.requireNonNull(file, "file must not be null");
        Path name = file.getFileName();
        return name != null && (name.toString().endsWith(".suite.yaml") || name.toString().endsWith(".suite.yml"));
    }

    /** The suite in {@code file}, or every problem that keeps it from loading. */
    public SuiteLoadResult load(Path file) {
        Objects.requireNonNull(file, "file must not be null");
        Issues issues = new Issues();
        if (!Files.isRegularFile(file)) {
            issues.add(new SourcePosition(file, 1, 1), (Files.isDirectory(file) ? "not a suite file but a directory: "
                    : "suite file not found: ") + file.toAbsolutePath().normalize());
            return SuiteLoadResult.failed(issues.sorted());
        }
        Optional<LoadedFile> root = new SuiteAssembler(registry, issues).open(file, null);
        List<PlacedStep> scenario = new ArrayList<>();
        root.ifPresent(loaded -> place(loaded, null, scenario));
        new ReferenceValidator(knownVariables, environment, issues).validate(scenario);
        if (!issues.isEmpty() || root.isEmpty()) {
            return SuiteLoadResult.failed(issues.sorted());
        }
        Head head = root.get().head();
        List<Step> steps = scenario.stream().map(placed -> placed.step().step()).toList();
        return SuiteLoadResult.loaded(new Suite(head.name(), head.description(), head.tags(), head.destructive(),
                steps, head.position()));
    }

    // Inlines includes; a step runs under the nearest read-only suite around it, if there is one.
    private static void place(LoadedFile file, Head readOnlyIn, List<PlacedStep> scenario) {
        Head governing = file.head().destructive() ? readOnlyIn : file.head();
        for (Part part : file.parts()) {
            if (part instanceof ReadStep step) {
                scenario.add(new PlacedStep(step, governing));
            } else {
                place((LoadedFile) part, governing, scenario);
            }
        }
    }
}
