package dev.tollgate.db;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apiguardian.api.API;

/**
 * Which migration tool's history a database holds, where, and why that one: the facts behind every
 * history a check reads, so a report can say which table it chose when several tools' tables, or
 * several tools sharing one table name, are present.
 *
 * @param chosen    the table read, or {@code null} when none was found
 * @param others    further history tables found and not read, most likely first
 * @param schemas   the schemas searched
 * @param lookedFor per tool, the table name looked for, in the order tools were tried
 * @param setting   where the settings that directed the search came from ({@code database.migrations
 *                  in profile.yaml}), or {@code null} when the search was Tollgate's own
 */
@API(status = INTERNAL, since = "0.2")
public record HistoryDetection(Match chosen, List<Match> others, List<String> schemas, Map<String, String> lookedFor,
        String setting) {

    /**
     * One tool's history table found.
     *
     * @param tool       the tool whose reader reads it
     * @param table      where it is
     * @param columns    the columns (and companion table) by which the tool was recognised
     * @param sharedWith other tools whose history table has the same name but other columns, which it
     *                   was told apart from
     * @param renamed    whether it was found by its columns under a name other than the tool's default
     */
    public record Match(String tool, HistoryTable table, List<String> columns, List<String> sharedWith, boolean renamed) {

        public Match {
            Objects.requireNonNull(tool, "tool must not be null");
            Objects.requireNonNull(table, "table must not be null");
            columns = List.copyOf(columns);
            sharedWith = List.copyOf(sharedWith);
        }

        /** {@code ecto's history in public.schema_migrations (told from golang-migrate's by its columns …)}. */
        public String toText() {
            StringBuilder text = new StringBuilder(tool).append("'s history in ").append(table);
            if (renamed) {
                text.append(" (found under another name by its ").append(tool).append(" columns ")
                        .append(String.join(", ", columns)).append(')');
            } else if (!sharedWith.isEmpty()) {
                text.append(" (the name is also ").append(String.join("'s, ", sharedWith)).append("'s; told apart by its columns ")
                        .append(String.join(", ", columns)).append(')');
            }
            return text.toString();
        }
    }

    public HistoryDetection {
        others = List.copyOf(others);
        schemas = List.copyOf(schemas);
        lookedFor = Collections.unmodifiableMap(new LinkedHashMap<>(lookedFor));  // in the order tools were tried
    }

    public Optional<Match> found() {
        return Optional.ofNullable(chosen);
    }

    /** {@code read ecto's history in public.schema_migrations (…); also found goose's history in public.goose_db_version, not read}. */
    public String toText() {
        if (chosen == null) {
            return "no migration history table found; " + lookedForText();
        }
        String text = "read " + chosen.toText();
        if (!others.isEmpty()) {
            text += "; also found " + others.stream().map(Match::toText).collect(Collectors.joining(", "))
                    + ", not read (name the one to read with migrations: { tool: … })";
        }
        return text;
    }

    /**
     * What was looked for and the setting to change: {@code looked in schemas [public] for
     * flyway_schema_history (flyway), …; if the service keeps its history elsewhere, say where with …}.
     */
    public String lookedForText() {
        Map<String, List<String>> byTable = lookedFor.entrySet().stream().collect(Collectors.groupingBy(Map.Entry::getValue,
                LinkedHashMap::new, Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
        String tables = byTable.entrySet().stream().map(entry -> entry.getKey() + " (" + String.join(", ", entry.getValue()) + ")")
                .collect(Collectors.joining(", "));
        return "looked in schema" + (schemas.size() == 1 ? " " : "s ") + schemas + " for " + tables
                + (setting == null ? ", and for those tools' columns under any other name" : " (from " + setting + ")")
                + ". If the service keeps its history elsewhere, say where: migrations: { tool: flyway, table: schema_version,"
                + " schema: app } in the check's settings, or the same under database: in the profile"
                + " (tool: generic with table, versionColumn, orderBy and successColumn for a tool Tollgate does not know)";
    }
}
