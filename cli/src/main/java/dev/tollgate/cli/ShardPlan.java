package dev.tollgate.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import dev.tollgate.report.RunRecord;
import dev.tollgate.report.RunRecordJson;

/**
 * Divides a selection's units (each suite on each upgrade path) among shards, the same way in every
 * process that asks: by the durations a previous run recorded when it is given (longest first,
 * each to the shard with least work so far), else by count. Ties go by the selection's order, so
 * shard 2 of 4 holds the same units on every machine.
 */
final class ShardPlan {

    private static final Pattern SHARD = Pattern.compile("\\s*(\\d+)\\s*/\\s*(\\d+)\\s*");

    /** @param index this shard, from 1; @param count how many */
    record Part(int index, int count) {

        /**
         * {@code 2/4}.
         *
         * @throws IllegalArgumentException naming what a shard looks like
         */
        static Part parse(String text) {
            Matcher matcher = SHARD.matcher(text == null ? "" : text);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("--shard " + text + " is not a shard: give INDEX/COUNT, like --shard 2/4"
                        + " for the second of four");
            }
            int index = Integer.parseInt(matcher.group(1));
            int count = Integer.parseInt(matcher.group(2));
            if (count < 1 || index < 1 || index > count) {
                throw new IllegalArgumentException("--shard " + text + ": the index counts from 1 to the count, like"
                        + " --shard 1/" + Math.max(count, 1) + " … --shard " + Math.max(count, 1) + "/" + Math.max(count, 1));
            }
            return new Part(index, count);
        }
    }

    private ShardPlan() {
    }

    /**
     * @param durations each unit's recorded duration in milliseconds; units without one count as the
     *                  mean of those with one. Empty: every unit counts the same
     * @return the units of each shard, shard 1 first, each in the selection's order
     */
    static List<List<RunRecord.Unit>> divide(List<RunRecord.Unit> units, int count, Map<RunRecord.Unit, Long> durations) {
        long mean = Math.max(1, Math.round(units.stream().filter(durations::containsKey).mapToLong(durations::get)
                .average().orElse(1)));
        List<Integer> order = IntStream.range(0, units.size()).boxed()
                .sorted(Comparator.<Integer>comparingLong(i -> -durations.getOrDefault(units.get(i), mean))
                        .thenComparingInt(i -> i))
                .toList();
        long[] load = new long[count];
        List<List<Integer>> shards = new ArrayList<>();
        IntStream.range(0, count).forEach(i -> shards.add(new ArrayList<>()));
        for (int unit : order) {
            int lightest = 0;
            for (int shard = 1; shard < count; shard++) {
                if (load[shard] < load[lightest]) {
                    lightest = shard;
                }
            }
            load[lightest] += durations.getOrDefault(units.get(unit), mean);
            shards.get(lightest).add(unit);
        }
        return shards.stream().map(indices -> indices.stream().sorted().map(units::get).toList()).toList();
    }

    /**
     * What each unit took in a previous run: its suite's time, start to end of its environment, on
     * the same path; a unit that run did not have takes its suite's time on another path, if any.
     */
    static Map<RunRecord.Unit, Long> durationsFrom(Path runRecord, List<RunRecord.Unit> units) {
        RunRecord previous = RunRecordJson.read(runRecord);
        Map<RunRecord.Unit, Long> recorded = new LinkedHashMap<>();
        Map<String, Long> bySuite = new LinkedHashMap<>();
        previous.suites().forEach(suite -> {
            recorded.put(new RunRecord.Unit(suite.path(), suite.name()), suite.durationMillis());
            bySuite.putIfAbsent(suite.name(), suite.durationMillis());
        });
        Map<RunRecord.Unit, Long> durations = new LinkedHashMap<>();
        for (RunRecord.Unit unit : units) {
            Long known = recorded.getOrDefault(unit, bySuite.get(unit.suite()));
            if (known != null) {
                durations.put(unit, known);
            }
        }
        return durations;
    }
}
