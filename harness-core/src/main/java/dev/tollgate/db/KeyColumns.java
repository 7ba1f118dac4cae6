package dev.tollgate.db;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The columns a constraint or index definition (as {@code pg_get_constraintdef} and
 * {@code pg_get_indexdef} print them) is on, where they can be told for sure: plain column lists,
 * and CHECK expressions whose every name is a column. Empty when they cannot (an expression index),
 * so a caller never takes a guess for proof.
 */
final class KeyColumns {

    private static final Pattern KEY = Pattern.compile("^(PRIMARY KEY|UNIQUE|FOREIGN KEY)(?: NULLS (?:NOT )?DISTINCT)? \\(([^()]*)\\)");
    private static final Pattern INDEX = Pattern.compile("^CREATE (?:UNIQUE )?INDEX \\S+ ON \\S+ USING \\w+ \\(([^()]*)\\)(.*)$");
    private static final Pattern CHECK = Pattern.compile("^CHECK \\((.*)\\)( NOT VALID)?$");
    private static final Pattern IDENTIFIER = Pattern.compile("\"([^\"]+)\"|([A-Za-z_][A-Za-z0-9_$]*)(\\s*\\()?");
    private static final Pattern PLAIN_COLUMN = Pattern.compile("\"[^\"]+\"|[A-Za-z_][A-Za-z0-9_$]*");
    /** Words of a CHECK expression that are not column names. */
    private static final Set<String> SQL_WORDS = Set.of("and", "or", "not", "null", "is", "in", "any", "all", "some", "array",
            "true", "false", "between", "like", "ilike", "similar", "to", "distinct", "from", "case", "when", "then", "else",
            "end", "collate", "escape", "unknown");

    private KeyColumns() {
    }

    /** {@code PRIMARY KEY}, {@code UNIQUE} or {@code FOREIGN KEY}, and its own columns (not the referenced ones). */
    static Optional<List<String>> ofKey(String constraintDefinition) {
        Matcher matcher = KEY.matcher(constraintDefinition == null ? "" : constraintDefinition);
        return matcher.find() ? columns(matcher.group(2)) : Optional.empty();
    }

    /** The key kind of a constraint definition: {@code PRIMARY KEY}, {@code UNIQUE}, {@code FOREIGN KEY}, or empty. */
    static Optional<String> keyKind(String constraintDefinition) {
        Matcher matcher = KEY.matcher(constraintDefinition == null ? "" : constraintDefinition);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** An index's key columns when they are plain columns (no expression, no partial index's WHERE). */
    static Optional<List<String>> ofIndex(String indexDefinition) {
        Matcher matcher = INDEX.matcher(indexDefinition == null ? "" : indexDefinition);
        if (!matcher.find() || matcher.group(2).contains("WHERE")) {
            return Optional.empty();
        }
        return columns(matcher.group(1).replaceAll(" (ASC|DESC|NULLS FIRST|NULLS LAST)", ""));
    }

    /** Whether an index definition treats NULLs as equal ({@code NULLS NOT DISTINCT}, PostgreSQL 15+). */
    static boolean nullsNotDistinct(String definition) {
        return definition != null && definition.contains("NULLS NOT DISTINCT");
    }

    /** The names a CHECK expression reads, when every name in it is a column or an SQL word (no function calls). */
    static Optional<List<String>> ofCheck(String constraintDefinition) {
        Matcher matcher = CHECK.matcher(constraintDefinition == null ? "" : constraintDefinition);
        if (!matcher.find()) {
            return Optional.empty();
        }
        // Literals and casts name no column: 'planned'::text, 42::bigint, 'x'::character varying.
        String expression = matcher.group(1).replaceAll("'(?:[^']|'')*'", "''")
                .replaceAll("::[A-Za-z ]+(?:\\[\\])?", "");
        List<String> names = new java.util.ArrayList<>();
        Matcher identifier = IDENTIFIER.matcher(expression);
        while (identifier.find()) {
            if (identifier.group(3) != null && identifier.group(2) != null
                    && !SQL_WORDS.contains(identifier.group(2).toLowerCase(Locale.ROOT))) {
                return Optional.empty();  // a function: what it reads cannot be told from here
            }
            String name = identifier.group(1) != null ? identifier.group(1) : identifier.group(2);
            if (identifier.group(1) != null || !SQL_WORDS.contains(name.toLowerCase(Locale.ROOT))) {
                names.add(name);
            }
        }
        return names.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(names));
    }

    private static Optional<List<String>> columns(String list) {
        List<String> columns = Arrays.stream(list.split(",")).map(String::strip).toList();
        if (columns.isEmpty() || !columns.stream().allMatch(column -> PLAIN_COLUMN.matcher(column).matches())) {
            return Optional.empty();
        }
        return Optional.of(columns.stream().map(column -> column.startsWith("\"") ? column.substring(1, column.length() - 1) : column)
                .toList());
    }
}
