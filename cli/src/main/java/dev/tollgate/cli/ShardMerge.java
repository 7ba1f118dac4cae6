package dev.tollgate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.tollgate.api.TollgateException;
import dev.tollgate.report.RunRecord;
import dev.tollgate.report.RunRecordJson;

/**
 * The shards of one run as one record, once they are shown to fit: the same candidate, selection,
 * profile and Tollgate version, every shard there once, every unit of the selection in exactly one
 * shard. What does not fit is named (the shard's directory, the unit), never merged over.
 */
final class ShardMerge {

    /** A shard's output directory and the record in it, or why there is none. */
    record Part(Path dir, Optional<RunRecord> record, String problem) {

        static Part read(Path dir) {
            Path file = dir.resolve("tollgate").resolve(RunRecordJson.FILE_NAME);
            if (!Files.isRegularFile(file)) {
                return new Part(dir, Optional.empty(), dir + " holds no run record (" + file + " does not exist): is it"
                        + " the --out of a tollgate run --shard?");
            }
            try {
                RunRecord record = RunRecordJson.read(file);
                return record.shard() == null ? new Part(dir, Optional.empty(), dir + " is not a shard's output: its run"
                        + " ran without --shard") : new Part(dir, Optional.of(record), "");
            } catch (TollgateException e) {
                return new Part(dir, Optional.empty(), e.getMessage());
            }
        }

        /** {@code shard 2/4 (out/shard-2)}. */
        String describe() {
            return record.map(run -> "shard " + run.shard().describe() + " (" + dir + ")").orElse(dir.toString());
        }
    }

    /** The merged record, or every reason the parts do not make one run. */
    record Result(Optional<RunRecord> merged, List<String> problems) {
    }

    private ShardMerge() {
    }

    static Result of(List<Part> parts) {
        List<String> problems = new ArrayList<>();
        parts.stream().filter(part -> part.record().isEmpty()).forEach(part -> problems.add(part.problem()));
        List<Part> read = parts.stream().filter(part -> part.record().isPresent()).toList();
        if (read.isEmpty()) {
            return new Result(Optional.empty(), problems.isEmpty() ? List.of("no shard to merge") : problems);
        }
        RunRecord reference = read.get(0).record().orElseThrow();
        for (Part part : read.subList(1, read.size())) {
            RunRecord run = part.record().orElseThrow();
            differs(problems, part, "candidate", reference.candidate(), run.candidate(), read.get(0));
            differs(problems, part, "profile", reference.profile(), run.profile(), read.get(0));
            differs(problems, part, "Tollgate version", reference.tollgateVersion(), run.tollgateVersion(), read.get(0));
            differs(problems, part, "shard count", reference.shard().count(), run.shard().count(), read.get(0));
            if (!run.shard().selection().equals(reference.shard().selection()) && run.candidate().equals(reference.candidate())) {
                problems.add(part.describe() + " selected other units than " + read.get(0).describe() + ": "
                        + describe(run.shard().selection()) + " instead of " + describe(reference.shard().selection()));
            }
        }
        if (!problems.isEmpty()) {
            return new Result(Optional.empty(), problems);
        }
        int count = reference.shard().count();
        Map<Integer, List<Part>> byIndex = read.stream().collect(Collectors.groupingBy(part -> part.record().orElseThrow()
                .shard().index(), LinkedHashMap::new, Collectors.toList()));
        for (int index = 1; index <= count; index++) {
            List<Part> given = byIndex.getOrDefault(index, List.of());
            if (given.isEmpty()) {
                problems.add("shard " + index + "/" + count + " is missing: merge the output of tollgate run --shard "
                        + index + "/" + count + " too");
            } else if (given.size() > 1) {
                problems.add("shard " + index + "/" + count + " is given twice: " + given.stream().map(part -> part.dir()
                        .toString()).collect(Collectors.joining(" and ")));
            }
        }
        List<RunRecord.Unit> selection = reference.shard().selection();
        for (RunRecord.Unit unit : selection) {
            List<Part> holders = read.stream().filter(part -> part.record().orElseThrow().units().contains(unit)).toList();
            if (holders.isEmpty() && byIndex.keySet().containsAll(java.util.stream.IntStream.rangeClosed(1, count).boxed().toList())) {
                problems.add("unit " + unit.describe() + " is in no shard: its suite did not run");
            } else if (holders.size() > 1) {
                problems.add("unit " + unit.describe() + " ran in more than one shard: " + holders.stream()
                        .map(Part::describe).collect(Collectors.joining(" and ")));
            }
        }
        read.forEach(part -> part.record().orElseThrow().units().stream().filter(unit -> !selection.contains(unit))
                .forEach(unit -> problems.add(part.describe() + " ran " + unit.describe() + ", which is not in the selection")));
        if (!problems.isEmpty()) {
            return new Result(Optional.empty(), problems);
        }
        List<RunRecord> records = read.stream().map(part -> part.record().orElseThrow()).toList();
        RunRecord combined = RunRecord.combine(records, reference.paths());
        // In the order the unsharded run lists them: the selection's.
        List<RunRecord.SuiteRecord> suites = combined.suites().stream().sorted(Comparator.comparingInt(suite ->
                selection.indexOf(new RunRecord.Unit(suite.path(), suite.name())))).toList();
        return new Result(Optional.of(combined.withSuites(suites)), List.of());
    }

    private static void differs(List<String> problems, Part part, String what, Object expected, Object actual, Part first) {
        if (!Objects.equals(expected, actual)) {
            problems.add(part.describe() + " is of " + what + " " + actual + ", not " + expected + " as "
                    + first.describe() + ": shards of different runs do not merge");
        }
    }

    private static String describe(List<RunRecord.Unit> units) {
        return units.stream().map(RunRecord.Unit::describe).collect(Collectors.joining(", ", "[", "]"));
    }

    /** The record of a shard whose part of the selection is empty: no suite ran, and it says so. */
    static RunRecord empty(ReleaseOptions release, Instant started) {
        return new RunRecord(RunRecord.FORMAT, RunRecord.currentVersion(), release.profile,
                release.effectivePrevious(), release.effectiveCandidate(), started, Instant.now(), List.of(),
                RunRecord.Environment.UNKNOWN, null, release.paths(), null);
    }
}
