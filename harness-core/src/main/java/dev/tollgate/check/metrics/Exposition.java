package dev.tollgate.check.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed Prometheus text exposition (format 0.0.4): its samples, and the metric families it
 * declares with {@code # TYPE} or {@code # HELP}, so a family with no series yet is known to exist.
 */
record Exposition(List<Sample> samples, Set<String> families) {

    /** One line {@code name{label="value",…} 12.5 [timestamp]}. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    Exposition {
        samples = List.copyOf(samples);
        families = Set.copyOf(families);
    }

    /** Whether the exposition mentions the metric at all: a sample, or a family it declares. */
    boolean exposes(String metric) {
        return families.contains(metric) || families.contains(family(metric))
                || samples.stream().anyMatch(sample -> sample.name().equals(metric));
    }

    /** A histogram's or summary's family name for one of its sample names. */
    private static String family(String metric) {
        return metric.replaceAll("_(bucket|sum|count|total|created)$", "");
    }

    /**
     * Parses the text.
     *
     * @throws IllegalArgumentException naming the line that is not a sample, a comment or blank
     */
    static Exposition parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Set<String> families = new LinkedHashSet<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                String[] words = line.split("\\s+", 4);
                if (words.length >= 3 && (words[1].equals("TYPE") || words[1].equals("HELP"))) {
                    families.add(words[2]);
                }
                continue;
            }
            try {
                samples.add(sample(line));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new IllegalArgumentException("line " + (i + 1) + " is not a Prometheus sample ("
                        + e.getMessage() + "): " + line, e);
            }
        }
        return new Exposition(samples, families);
    }

    private static Sample sample(String line) {
        int at = 0;
        while (at < line.length() && line.charAt(at) != '{' && !Character.isWhitespace(line.charAt(at))) {
            at++;
        }
        String name = line.substring(0, at);
        if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
            throw new IllegalArgumentException("bad metric name '" + name + "'");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (at < line.length() && line.charAt(at) == '{') {
            at = labels(line, at + 1, labels);
        }
        String[] rest = line.substring(at).strip().split("\\s+");
        return new Sample(name, labels, value(rest[0]));
    }

    /** Reads {@code a="x",b="y"}} from {@code at}; returns the index after the closing brace. */
    private static int labels(String line, int at, Map<String, String> labels) {
        while (true) {
            while (line.charAt(at) == ' ' || line.charAt(at) == ',') {
                at++;
            }
            if (line.charAt(at) == '}') {
                return at + 1;
            }
            int equals = line.indexOf('=', at);
            String label = line.substring(at, equals).strip();
            at = equals + 1;
            if (line.charAt(at) != '"') {
                throw new IllegalArgumentException("label " + label + " has no quoted value");
            }
            StringBuilder value = new StringBuilder();
            for (at++; line.charAt(at) != '"'; at++) {
                char c = line.charAt(at);
                if (c == '\\') {
                    char next = line.charAt(++at);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
            }
            labels.put(label, value.toString());
            at++;
        }
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }
}
