package dev.tollgate.load;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.tollgate.check.CheckRegistry;
import dev.tollgate.load.SuiteParts.Draft;
import dev.tollgate.load.SuiteParts.Head;
import dev.tollgate.load.SuiteParts.IncludeDraft;
import dev.tollgate.load.SuiteParts.LoadedFile;
import dev.tollgate.load.SuiteParts.NamedCheck;
import dev.tollgate.load.SuiteParts.Part;
import dev.tollgate.load.SuiteParts.ReadCheck;
import dev.tollgate.load.SuiteParts.ReadStep;
import dev.tollgate.load.SuiteParts.StepDraft;
import dev.tollgate.model.SourcePosition;
import dev.tollgate.model.Step;
import dev.tollgate.model.StepKind;

/**
 * Opens a suite file and, depth first, the files it includes; each file is read once per load,
 * however often it is included. Named checks of an included file are visible to the file that
 * includes it; a file's own definitions win over included ones, earlier includes over later.
 */
final class SuiteAssembler {

    private final CheckRegistry registry;
    private final Issues issues;
    private final Map<Path, LoadedFile> loaded = new HashMap<>();
    // The chain of files being opened, to name an include cycle instead of recursing forever.
    private final List<Path> including = new ArrayList<>();

    SuiteAssembler(CheckRegistry registry, Issues issues) {
        this.registry = registry;
        this.issues = issues;
    }

    /** The file with its includes, or empty when it cannot be read at all (reported). */
    Optional<LoadedFile> open(Path file, SourcePosition includedAt) {
        Path identity = identity(file);
        LoadedFile done = loaded.get(identity);
        if (done != null) {
            return Optional.of(done);
        }
        issues.opened(file);
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            issues.add(includedAt != null ? includedAt : new SourcePosition(file, 1, 1),
                    "cannot read " + file.toAbsolutePath() + ": " + reason(e));
            return Optional.empty();
        }
        YamlTree tree = YamlTree.parse(file, text, issues);
        CheckReader checks = new CheckReader(registry, tree, issues);
        Head head = new SuiteFileReader(tree, issues, checks).read();

        including.add(identity);
        Map<Draft, LoadedFile> included = new IdentityHashMap<>();
        for (Draft draft : head.drafts()) {
            if (draft instanceof IncludeDraft include) {
                include(file, include).ifPresent(inner -> included.put(draft, inner));
            }
        }
        including.remove(including.size() - 1);

        // A definition is not a step: where the include stands does not limit whose checks are visible.
        Map<String, NamedCheck> scope = new LinkedHashMap<>(head.checks());
        head.drafts().stream().filter(included::containsKey)
                .forEach(draft -> included.get(draft).scope().forEach(scope::putIfAbsent));
        List<Part> parts = new ArrayList<>();
        for (Draft draft : head.drafts()) {
            if (draft instanceof StepDraft step) {
                parts.add(step(step, checks, scope));
            } else if (included.containsKey(draft)) {
                parts.add(included.get(draft));
            }
        }
        SchemaValidator.validate(tree, issues);
        LoadedFile result = new LoadedFile(head, List.copyOf(parts), Collections.unmodifiableMap(scope));
        loaded.put(identity, result);
        return Optional.of(result);
    }

    private Optional<LoadedFile> include(Path from, IncludeDraft include) {
        Optional<Path> target = StepReader.resolve(from, include.path());
        if (target.isEmpty()) {
            issues.add(include.position(), "include: '" + include.path() + "' is not a valid path");
            return Optional.empty();
        }
        Path identity = identity(target.get());
        int cycleStart = including.indexOf(identity);
        if (cycleStart >= 0) {
            String chain = including.subList(cycleStart, including.size()).stream()
                    .map(path -> path.getFileName().toString()).collect(Collectors.joining(" → "));
            issues.add(include.position(), "include cycle: " + chain + " → " + identity.getFileName()
                    + "; a suite cannot include itself, directly or through another suite");
            return Optional.empty();
        }
        if (!Files.isRegularFile(target.get())) {
            issues.add(include.position(), "include file not found: " + target.get().toAbsolutePath()
                    + " (resolved relative to this suite file)");
            return Optional.empty();
        }
        return open(target.get(), include.position());
    }

    private ReadStep step(StepDraft draft, CheckReader checks, Map<String, NamedCheck> scope) {
        List<ReadCheck> read = switch (draft.kind()) {
            case CHECK -> checks.entries(draft.checks(), draft.targetPosition(), draft.checksPointer(), scope);
            case SEED -> fixture(draft);
            default -> List.of();
        };
        Step step = new Step(draft.id(), draft.kind(), draft.target(), draft.options(),
                read.stream().map(ReadCheck::spec).toList(), draft.timeout(), draft.retry(), draft.position());
        return new ReadStep(step, draft.idPosition(), draft.targetPosition(), draft.variables(), read);
    }

    /**
     * A seed fixture is a list of requests written as checks ({@code - http: {method: POST, …}}),
     * read here so that a typo in it fails the load with the fixture's file and line, like the suite's own.
     */
    private List<ReadCheck> fixture(StepDraft draft) {
        String file = draft.options().get("file");
        if (file == null) {
            return List.of();  // not found or not a plain path: reported already
        }
        Path path = Path.of(file);
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            issues.add(draft.targetPosition(), "cannot read seed fixture " + path + ": " + reason(e));
            return List.of();
        }
        issues.opened(path);
        YamlTree tree = YamlTree.parse(path, text, issues);
        if (tree.root() == null) {
            return List.of();
        }
        if (!(tree.root() instanceof org.yaml.snakeyaml.nodes.SequenceNode)) {
            issues.add(tree.position(tree.root()), "", "a seed fixture is a list of requests, like '- http: {method: POST, "
                    + "path: /api/v1/things, as: \"${token}\", body: {name: x}, status: 201}'; found "
                    + YamlValues.found(tree.root()));
            return List.of();
        }
        return new CheckReader(registry, tree, issues).entries(tree.root(), tree.position(tree.root()), "", Map.of());
    }

    private static Path identity(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }

    private static String reason(IOException e) {
        if (e instanceof MalformedInputException) {
            return "it is not UTF-8 text";
        }
        if (e instanceof NoSuchFileException) {
            return "it does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.toString();
    }
}
