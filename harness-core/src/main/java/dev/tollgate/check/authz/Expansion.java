package dev.tollgate.check.authz;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.tollgate.check.authz.Matrix.Case;
import dev.tollgate.check.authz.Matrix.Row;

/**
 * Turns a matrix's rows into probes: each name in an {@code expect} row is a subject, a group of
 * them, or {@code others} (every known subject the case has not named yet).
 */
final class Expansion {

    private Expansion() {
    }

    /**
     * @param subjects every subject in play (the profile's and the matrix's), in declaration order
     * @throws IllegalArgumentException naming the case's position and the unknown name
     */
    static List<Probe> probes(Matrix matrix, Set<String> subjects) {
        List<Probe> probes = new ArrayList<>();
        for (Case source : matrix.cases()) {
            Set<String> named = new LinkedHashSet<>();
            for (Row row : source.expect()) {
                if (!row.names().contains(Matrix.OTHERS)) {
                    named.addAll(members(row.names(), matrix.groups(), subjects, source));
                }
            }
            Set<String> seen = new LinkedHashSet<>();
            for (Row row : source.expect()) {
                Set<String> members = new LinkedHashSet<>();
                for (String name : row.names()) {
                    if (name.equals(Matrix.OTHERS)) {
                        subjects.stream().filter(subject -> !named.contains(subject)).forEach(members::add);
                    } else {
                        members.addAll(members(List.of(name), matrix.groups(), subjects, source));
                    }
                }
                for (String subject : members) {
                    if (!seen.add(subject)) {
                        throw new IllegalArgumentException(source.position() + ": subject '" + subject
                                + "' gets two decisions in this case (through a group); give it one");
                    }
                    probes.add(new Probe(source, subject, row.decision()));
                }
            }
        }
        return probes;
    }

    private static Set<String> members(List<String> names, Map<String, List<String>> groups, Set<String> subjects,
            Case source) {
        Set<String> members = new LinkedHashSet<>();
        for (String name : names) {
            if (groups.containsKey(name)) {
                for (String member : groups.get(name)) {
                    members.add(known(member, subjects, groups, source));
                }
            } else {
                members.add(known(name, subjects, groups, source));
            }
        }
        return members;
    }

    private static String known(String name, Set<String> subjects, Map<String, List<String>> groups, Case source) {
        if (!subjects.contains(name)) {
            Set<String> valid = new TreeSet<>(subjects);
            valid.addAll(groups.keySet());
            throw new IllegalArgumentException(source.position() + ": unknown subject '" + name + "'"
                    + dev.tollgate.model.Suggestions.didYouMean(name, valid) + " Subjects (from the profile's subjects: and the matrix's): "
                    + String.join(", ", subjects) + (groups.isEmpty() ? "" : "; groups: " + String.join(", ", groups.keySet()))
                    + "; or 'others'.");
        }
        return name;
    }
}
